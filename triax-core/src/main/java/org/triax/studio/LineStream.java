package org.triax.studio;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** A PrintStream that hands each complete line to {@code sink} (the run log TrainJob prints to). */
final class LineStream extends OutputStream {
    private final Consumer<String> sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private LineStream(Consumer<String> sink) {
        this.sink = sink;
    }

    static PrintStream to(Consumer<String> sink) {
        return new PrintStream(new LineStream(sink), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            String s = line.toString(StandardCharsets.UTF_8);
            line.reset();
            sink.accept(s.endsWith("\r") ? s.substring(0, s.length() - 1) : s);
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }
}
