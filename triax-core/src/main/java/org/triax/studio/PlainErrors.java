package org.triax.studio;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/** Errors Jetty answers itself (malformed requests): the one-line JSON body, no page, no stack trace. */
final class PlainErrors extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() >= 400 ? response.getStatus() : 500;
        Object attr = request.getAttribute(ERROR_STATUS);
        if (attr instanceof Integer i && i >= 400) {
            status = i;
        }
        response.setStatus(status);
        String reason = HttpStatus.getMessage(status);
        byte[] body = Json.string(Json.error(status, reason == null ? "error" : reason.toLowerCase(java.util.Locale.ROOT)))
                .getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
