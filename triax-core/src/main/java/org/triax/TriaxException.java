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

    /** {@code message} on one line: messages quoting a library may span lines, an error line may not. */
    public static String oneLine(String message) {
        return String.valueOf(message).strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
