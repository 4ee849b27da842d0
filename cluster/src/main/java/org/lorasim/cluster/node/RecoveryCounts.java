package org.lorasim.cluster.node;

/**
 * Running totals of one node's recovery of lost messages (docs/cluster.md, "Payloads without loss"), over every
 * run it took part in; -1 each where nothing was reported yet ({@link #NONE}).
 *
 * @param retransmissions messages it sent again, or asked after, because their answer was late
 * @param answersResent   answers it sent again for a message it had already handled
 * @param duplicates      messages it received again and did not handle again
 * @param chaosDropped    messages its fault injection ({@code lorasim.cluster.chaos}) dropped on arrival
 */
public record RecoveryCounts(long retransmissions, long answersResent, long duplicates, long chaosDropped) {

    /** Nothing reported. */
    public static final RecoveryCounts NONE = new RecoveryCounts(-1, -1, -1, -1);
}
