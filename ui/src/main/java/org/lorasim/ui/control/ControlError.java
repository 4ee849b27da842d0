package org.lorasim.ui.control;

/** A control message the dashboard refuses, with the reason shown on the page; nothing was applied. */
public final class ControlError extends Exception {
    private static final long serialVersionUID = 1L;

    public ControlError(String message) {
        super(message);
    }
}
