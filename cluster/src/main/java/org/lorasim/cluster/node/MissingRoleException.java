package org.lorasim.cluster.node;

/** No Up member had a role a run needs within the time allowed; the message names the role and the members. */
public final class MissingRoleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MissingRoleException(String message) {
        super(message);
    }
}
