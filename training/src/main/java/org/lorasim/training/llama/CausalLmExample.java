package org.lorasim.training.llama;

import org.lorasim.policies.Checks;

/**
 * One training or evaluation sequence for a causal language model: token ids (usually starting with BOS)
 * and how many of the first tokens are the prompt. Position {@code t} predicts token {@code t + 1}; only
 * predictions of tokens at index {@code >= promptLength} count in the loss, so an instruction example
 * ({@code prompt + response}) trains on the response alone, and plain text ({@code promptLength} 0 or 1)
 * on every next token.
 */
public record CausalLmExample(int[] tokens, int promptLength) {
    public CausalLmExample {
        Checks.require(tokens != null && tokens.length >= 2, "a causal-LM example needs at least 2 tokens");
        Checks.require(promptLength >= 0 && promptLength < tokens.length, "prompt length " + promptLength
                + " leaves no target among " + tokens.length + " tokens");
        tokens = tokens.clone();
    }

    /** Plain text: every token after the first is a target. */
    public static CausalLmExample text(int[] tokens) {
        return new CausalLmExample(tokens, 0);
    }

    /** {@code prompt} then {@code response}: only the response's tokens are targets. */
    public static CausalLmExample instruction(int[] prompt, int[] response) {
        int[] all = new int[prompt.length + response.length];
        System.arraycopy(prompt, 0, all, 0, prompt.length);
        System.arraycopy(response, 0, all, prompt.length, response.length);
        return new CausalLmExample(all, prompt.length);
    }

    @Override
    public int[] tokens() {
        return tokens.clone();
    }
}
