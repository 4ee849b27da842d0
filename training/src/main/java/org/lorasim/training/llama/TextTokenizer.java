package org.lorasim.training.llama;

/** Text to token ids and back, for a decoder: {@link Llama2cTokenizer} or a Hugging Face {@code tokenizer.json}. */
public interface TextTokenizer {
    int vocabSize();

    /** The beginning-of-sequence id. */
    int bos();

    /** The end-of-sequence id. */
    int eos();

    /** Ids of {@code text}, with BOS first and EOS last when asked. */
    int[] encode(String text, boolean bos, boolean eos);

    /** The text of {@code tokens} generated after {@code previous} (the token before the first; BOS at the start). */
    String decode(int[] tokens, int previous);
}
