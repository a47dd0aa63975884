package org.triax;

/**
 * An error the user can cause (bad file, bad parameter, bad model). The CLI prints its message on
 * one line and exits non-zero; the message names the file or value and what was expected.
 */
public class TriaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TriaxException(String message) {
        super(message);
    }

    public TriaxException(String message, Throwable cause) {
        super(message, cause);
    }
}
