package org.lorasim.actors.link;

/**
 * A payload that belongs to one round (a gossip iteration, a centralized round): links copy its round into
 * their {@link LinkActor.MessageSent} and {@link LinkActor.MessageLost} events, so an observer can book each
 * message's bytes to the round that sent it rather than to the time window it fell into.
 */
public interface RoundTagged {

    /** The round (or iteration), from 0. */
    int round();
}
