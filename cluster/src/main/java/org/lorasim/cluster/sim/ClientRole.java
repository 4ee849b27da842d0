package org.lorasim.cluster.sim;

/** Which of a client entity's three participants a delivery is for: the client or one of its two links. */
public enum ClientRole {
    CLIENT, UPLINK, DOWNLINK
}
