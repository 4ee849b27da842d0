package org.lorasim.cluster.node;

/**
 * A node that could not start or join; the message says why in the user's words (the address, the seed nodes
 * tried, the key to change), never only an exception class.
 */
public final class NodeStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the node did not start. {@link #isBadInput()} tells the user's mistakes from the environment's. */
    public enum Reason {
        /** A non-loopback bind without TLS and without allow-public-bind. */
        PUBLIC_BIND_REFUSED,
        /** The remoting port (or the HTTP port) is taken, or the host is no address of this machine. */
        CANNOT_BIND,
        /** Not Up within the join timeout. */
        NOT_JOINED
    }

    private final Reason reason;

    public NodeStartException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public NodeStartException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public boolean isBadInput() {
        return reason == Reason.PUBLIC_BIND_REFUSED;
    }
}
