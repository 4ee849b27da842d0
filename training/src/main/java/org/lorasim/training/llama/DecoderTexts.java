package org.lorasim.training.llama;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.lorasim.training.data.Example;
import org.lorasim.training.data.InstructionTemplate;

/**
 * {@link Example} texts as decoder sequences. An instruction text ({@link InstructionTemplate#split}: it holds
 * the response marker) becomes {@link CausalLmExample#instruction}{@code (encode(prompt, BOS), encode(response,
 * EOS))}, the loss on the response alone; any other text becomes {@link CausalLmExample#text}{@code
 * (encode(text, BOS, EOS))}. A prompt longer than half of {@code maxLength} keeps its last {@code maxLength / 2}
 * tokens (the end of the template: the instruction's tail and the marker), so every sequence has response
 * tokens inside the {@code maxLength} predicted positions that training and perplexity look at.
 */
public final class DecoderTexts {
    private DecoderTexts() {
    }

    public static List<CausalLmExample> encode(TextTokenizer tokenizer, List<Example> examples, int maxLength) {
        List<CausalLmExample> out = new ArrayList<>(examples.size());
        for (Example e : examples) {
            out.add(encode(tokenizer, e.text(), maxLength));
        }
        return out;
    }

    public static CausalLmExample encode(TextTokenizer tokenizer, String text, int maxLength) {
        Optional<InstructionTemplate.Parts> parts = InstructionTemplate.split(text);
        if (parts.isEmpty()) {
            int[] ids = tokenizer.encode(text, true, true);
            return CausalLmExample.text(ids.length >= 2 ? ids : new int[] {tokenizer.bos(), tokenizer.eos()});
        }
        return CausalLmExample.instruction(prompt(tokenizer, parts.get().prompt(), maxLength),
                tokenizer.encode(parts.get().response(), false, true));
    }

    /** The prompt's ids as training sees them: BOS first, cut to its last {@code maxLength / 2} tokens. */
    public static int[] prompt(TextTokenizer tokenizer, String prompt, int maxLength) {
        int[] ids = tokenizer.encode(prompt, true, false);
        int keep = Math.max(1, maxLength / 2);
        return ids.length <= keep ? ids : Arrays.copyOfRange(ids, ids.length - keep, ids.length);
    }
}
