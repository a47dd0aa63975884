package org.triax.studio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.http.Context;
import java.util.Map;
import org.triax.TriaxException;
import org.triax.artifact.ModelArtifact;

/** JSON in and out: the mapper model files are written with (records, NaN), compact. */
final class Json {
    static final ObjectMapper MAPPER = ModelArtifact.JSON.copy().disable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    static String string(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void send(Context ctx, Object value) {
        send(ctx, 200, value);
    }

    static void send(Context ctx, int status, Object value) {
        ctx.status(status).contentType("application/json").result(string(value));
    }

    /** The body of every error response: one line that names the problem. */
    static Map<String, Object> error(int status, String message) {
        return Map.of("status", status, "error", TriaxException.oneLine(message));
    }
}
