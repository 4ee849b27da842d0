package org.lorasim.training.data;

import java.util.Objects;
import java.util.Optional;

/**
 * The Alpaca prompt template (Taori et al., Stanford Alpaca, 2023), which every instruction dataset here
 * uses, so an instruction example is one {@link Example} text: {@code prompt(instruction, input) + response}.
 * With an input:
 * <pre>
 * Below is an instruction that describes a task, paired with an input that provides further context. Write a response that appropriately completes the request.
 *
 * ### Instruction:
 * {instruction}
 *
 * ### Input:
 * {input}
 *
 * ### Response:
 * </pre>
 * and without one (blank input) the first sentence reads "Below is an instruction that describes a task.
 * Write a response that appropriately completes the request." and the {@code ### Input:} block is left out.
 * The prompt ends with {@value #RESPONSE_MARKER}; {@link #split} finds the first occurrence of that marker in
 * a text and returns the prompt (up to and including it) and the response after it. A decoder masks the loss
 * on the prompt; a text without the marker is plain text and every token counts.
 */
public final class InstructionTemplate {
    /** Ends every prompt: what separates the prompt from the response. */
    public static final String RESPONSE_MARKER = "### Response:\n";

    private static final String WITH_INPUT = "Below is an instruction that describes a task, paired with an input "
            + "that provides further context. Write a response that appropriately completes the request.\n\n";
    private static final String WITHOUT_INPUT = "Below is an instruction that describes a task. "
            + "Write a response that appropriately completes the request.\n\n";

    /** A text cut into the prompt (ending with the marker) and the response. */
    public record Parts(String prompt, String response) {
    }

    private InstructionTemplate() {
    }

    /** The prompt for {@code instruction} with {@code input} (blank: none). */
    public static String prompt(String instruction, String input) {
        Objects.requireNonNull(instruction, "instruction");
        boolean hasInput = input != null && !input.isBlank();
        return (hasInput ? WITH_INPUT : WITHOUT_INPUT) + "### Instruction:\n" + instruction + "\n\n"
                + (hasInput ? "### Input:\n" + input + "\n\n" : "") + RESPONSE_MARKER;
    }

    /** The whole training text: the prompt, then {@code response}. */
    public static String text(String instruction, String input, String response) {
        return prompt(instruction, input) + response;
    }

    /** The prompt and response of {@code text}, or empty for plain text (no marker). */
    public static Optional<Parts> split(String text) {
        int at = text.indexOf(RESPONSE_MARKER);
        if (at < 0) {
            return Optional.empty();
        }
        int end = at + RESPONSE_MARKER.length();
        return Optional.of(new Parts(text.substring(0, end), text.substring(end)));
    }
}
