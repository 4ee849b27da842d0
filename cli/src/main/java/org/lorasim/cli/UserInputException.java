package org.lorasim.cli;

/**
 * A mistake of the user's (bad config, unknown key, missing file, bad {@code --set}): the command prints the
 * message, one problem per line, without a stack trace, and exits with code 2.
 */
public final class UserInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
