package org.triax.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.triax.signal.Preprocessing;
import org.triax.signal.StftConfig;
import org.triax.signal.WindowSpec;

/** The preprocessing contract in the model JSON, including models saved before {@code resample} existed. */
class PreprocessingJsonTest {
    private static final Preprocessing PRE = new Preprocessing(List.of("X", "Y"), 12000, WindowSpec.DEFAULT,
            StftConfig.DEFAULT);

    @Test
    void resampleRoundTrips() throws Exception {
        Preprocessing resampling = PRE.withResample(12000);
        String json = ModelArtifact.JSON.writeValueAsString(resampling);
        assertTrue(json.contains("\"resample\" : true"), json);
        assertEquals(resampling, ModelArtifact.JSON.readValue(json, Preprocessing.class));
    }

    @Test
    void aModelSavedBeforeResampleExistedDoesNotResample() throws Exception {
        ObjectNode old = ModelArtifact.JSON.valueToTree(PRE);
        old.remove("resample");
        Preprocessing read = ModelArtifact.JSON.treeToValue(old, Preprocessing.class);
        assertFalse(read.resample());
        assertEquals(PRE, read);
    }
}
