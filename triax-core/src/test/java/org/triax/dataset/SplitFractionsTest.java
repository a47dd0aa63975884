package org.triax.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.triax.TriaxException;

class SplitFractionsTest {

    private static void assertFractions(double train, double validation, double test, SplitFractions f) {
        assertEquals(train, f.train(), 1e-12);
        assertEquals(validation, f.validation(), 1e-12);
        assertEquals(test, f.test(), 1e-12);
    }

    @Test
    void parsesPercentagesSeparatedBySlashes() {
        assertFractions(0.70, 0.15, 0.15, SplitFractions.parse("70/15/15"));
        assertFractions(0.80, 0.10, 0.10, SplitFractions.parse("80/10/10"));
    }

    @Test
    void parsesSharesSeparatedByCommasOrColonsWithSpaces() {
        assertFractions(0.70, 0.15, 0.15, SplitFractions.parse("0.7,0.15,0.15"));
        assertFractions(0.60, 0.20, 0.20, SplitFractions.parse(" 0.6 : 0.2 : 0.2 "));
    }

    @Test
    void defaultIsSeventyFifteenFifteen() {
        assertFractions(0.70, 0.15, 0.15, SplitFractions.DEFAULT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.7,0.2,0.2", "0.5,0.2,0.2", "70/15/10", "1/1/1", "0.7,0.15,0.1501"})
    void rejectsSharesThatDoNotSumToOne(String text) {
        TriaxException e = assertThrows(TriaxException.class, () -> SplitFractions.parse(text));
        assertTrue(e.getMessage().contains("sum to 1"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1,0,0", "0.85,0.15,0", "0,0.5,0.5", "1.2,-0.1,-0.1", "100/0/0", "NaN,0.5,0.5"})
    void rejectsZeroNegativeOrMissingParts(String text) {
        TriaxException e = assertThrows(TriaxException.class, () -> SplitFractions.parse(text));
        assertTrue(e.getMessage().contains("must each be > 0"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"70/30", "0.5,0.2,0.2,0.1", "a,b,c", "", "70 15 15"})
    void rejectsTextThatIsNotThreeNumbers(String text) {
        TriaxException e = assertThrows(TriaxException.class, () -> SplitFractions.parse(text));
        assertTrue(e.getMessage().contains("three numbers"), e.getMessage());
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }

    @Test
    void constructorRejectsTheSameAsParse() {
        assertThrows(TriaxException.class, () -> new SplitFractions(0.5, 0.5, 0));
        assertThrows(TriaxException.class, () -> new SplitFractions(0.5, 0.3, 0.3));
        assertThrows(TriaxException.class, () -> new SplitFractions(Double.NaN, 0.5, 0.5));
    }
}
