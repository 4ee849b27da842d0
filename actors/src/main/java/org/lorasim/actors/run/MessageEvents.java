package org.lorasim.actors.run;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lorasim.actors.link.LinkActor;

/**
 * A message sent over a link as a {@link RunEvent} of kind {@value #KIND}, so that {@code events.jsonl} holds
 * every send with its simulated times and a finished run folder can draw its messages in flight: time the send,
 * subject the link, detail {@code PAYLOAD of B bytes, round R, on the wire S to E ns, arrives A ns} (PAYLOAD the
 * payload's class name without its package). {@link #parse} reads one back. The recorders hand these to the
 * listener in simulated-time order with the other events; they are not counted in a summary's {@code events}
 * (scenario actions and failures), and live views hear the send itself at once ({@link RunListener#message}).
 */
public final class MessageEvents {

    public static final String KIND = "message-sent";

    private static final Pattern DETAIL = Pattern.compile(
            "^(\\S+) of (\\d+) bytes, round (-?\\d+), on the wire (\\d+) to (\\d+) ns, arrives (\\d+) ns$");

    private MessageEvents() {
    }

    public static RunEvent event(LinkActor.MessageSent sent) {
        String type = sent.payloadType().substring(sent.payloadType().lastIndexOf('.') + 1);
        return new RunEvent(sent.sentAt(), sent.round(), KIND, sent.link(), type + " of " + sent.bytes() + " bytes, round "
                + sent.round() + ", on the wire " + sent.start() + " to " + sent.end() + " ns, arrives " + sent.arrival()
                + " ns");
    }

    /** The send a {@value #KIND} event stands for; empty for any other event or a detail not in the form above. */
    public static Optional<LinkActor.MessageSent> parse(RunEvent event) {
        if (!KIND.equals(event.kind())) {
            return Optional.empty();
        }
        Matcher m = DETAIL.matcher(event.detail());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new LinkActor.MessageSent(event.subject(), event.timeNanos(), Long.parseLong(m.group(4)),
                Long.parseLong(m.group(5)), Long.parseLong(m.group(6)), Long.parseLong(m.group(2)), m.group(1),
                Integer.parseInt(m.group(3))));
    }

    /** Whether {@code event} is a send (not a scenario action or a failure). */
    public static boolean isSend(RunEvent event) {
        return KIND.equals(event.kind());
    }
}
