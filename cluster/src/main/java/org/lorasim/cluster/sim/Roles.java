package org.lorasim.cluster.sim;

/** The node roles the simulation places its actors by (issue 10): they combine on one node. */
public final class Roles {
    public static final String COORDINATOR = "coordinator";
    public static final String CLIENTS = "clients";
    public static final String TRAINER = "trainer";

    private Roles() {
    }
}
