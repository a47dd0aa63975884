package org.triax.health;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.triax.health.AlarmRule.State;

class AlarmRuleTest {

    @Test
    void theAlarmNeedsPersistSnapshotsInARowAboveOne() {
        double[] index = {0.5, 1.2, 0.9, 1.1, 1.3, 1.4, 1.0, 2.0};
        AlarmRule rule = new AlarmRule(3);
        assertArrayEquals(new State[] {State.NORMAL, State.ABOVE, State.NORMAL, State.ABOVE, State.ABOVE, State.ALARM,
                State.NORMAL, State.ABOVE}, rule.states(index));
        assertEquals(5, rule.firstAlarm(index));
        assertEquals(1, new AlarmRule(1).firstAlarm(index));
        assertEquals(-1, new AlarmRule(4).firstAlarm(index));
    }

    @Test
    void theTrendIsAnEwmaWithTheAlarmsSpan() {
        double[] t = new AlarmRule(3).trend(new double[] {1, 3, 3});
        assertArrayEquals(new double[] {1, 2, 2.5}, t, 1e-12); // alpha = 2 / (3 + 1)
    }
}
