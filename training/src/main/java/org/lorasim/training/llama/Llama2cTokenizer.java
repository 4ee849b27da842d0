package org.lorasim.training.llama;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.lorasim.policies.Checks;

/**
 * llama2.c's tokenizer ({@code tok512.bin}, {@code tokenizer.bin}): a little-endian int32
 * {@code max_token_length}, then per token a float32 merge score, an int32 byte length and the UTF-8 bytes
 * of its piece. Ids 0, 1, 2 are {@code <unk>}, {@code <s>} (BOS), {@code </s>} (EOS); ids 3..258 are the
 * byte-fallback pieces {@code <0x00>..<0xFF>}.
 *
 * <p>{@link #encode} is run.c's: optional BOS, a dummy-prefix space before non-empty text, one token per
 * UTF-8 code point (its piece, or else its bytes as {@code byte + 3}), then repeatedly merge the adjacent
 * pair whose concatenation is a piece with the highest score (the leftmost on ties) until no pair merges,
 * optional EOS. {@link #decode} drops the leading space of the first piece after BOS and turns
 * {@code <0xNN>} pieces into their raw byte.
 */
public final class Llama2cTokenizer implements TextTokenizer {
    public static final int BOS = 1;
    public static final int EOS = 2;

    private final String[] pieces;
    private final byte[][] pieceBytes;
    private final float[] scores;
    private final Map<String, Integer> ids = new HashMap<>();

    private Llama2cTokenizer(byte[][] pieceBytes, float[] scores) {
        this.pieceBytes = pieceBytes;
        this.scores = scores;
        this.pieces = new String[pieceBytes.length];
        for (int i = 0; i < pieceBytes.length; i++) {
            pieces[i] = new String(pieceBytes[i], StandardCharsets.UTF_8);
            ids.putIfAbsent(pieces[i], i);
        }
    }

    /**
     * Reads {@code vocabSize} tokens from {@code file} (the size comes from the model's header). Throws an
     * IllegalArgumentException naming the file when it is missing or ends early.
     */
    public static Llama2cTokenizer read(Path file, int vocabSize) {
        Checks.positive("vocab size", vocabSize);
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("tokenizer file " + file + " does not exist (llama2.c checkpoints "
                    + "need their tokenizer .bin, e.g. tok512.bin beside stories260K.bin)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer " + file + ": " + e.getMessage(), e);
        }
        ByteBuffer in = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        byte[][] pieces = new byte[vocabSize][];
        float[] scores = new float[vocabSize];
        try {
            in.getInt();
            for (int i = 0; i < vocabSize; i++) {
                scores[i] = in.getFloat();
                int length = in.getInt();
                Checks.require(length >= 0, file + ": token " + i + " has negative length " + length);
                pieces[i] = new byte[length];
                in.get(pieces[i]);
            }
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException(file + ": truncated: the model has " + vocabSize
                    + " tokens but the tokenizer file ends before token " + firstNull(pieces), e);
        }
        return new Llama2cTokenizer(pieces, scores);
    }

    private static int firstNull(byte[][] pieces) {
        for (int i = 0; i < pieces.length; i++) {
            if (pieces[i] == null) {
                return i;
            }
        }
        return pieces.length;
    }

    @Override
    public int vocabSize() {
        return pieces.length;
    }

    @Override
    public int bos() {
        return BOS;
    }

    @Override
    public int eos() {
        return EOS;
    }

    public String piece(int id) {
        return pieces[id];
    }

    @Override
    public int[] encode(String text, boolean bos, boolean eos) {
        int[] tokens = new int[text.length() * 4 + 3];
        int n = 0;
        if (bos) {
            tokens[n++] = BOS;
        }
        if (!text.isEmpty()) {
            tokens[n++] = idOf(" ");
        }
        for (int at = 0; at < text.length(); ) {
            int cp = text.codePointAt(at);
            String ch = new String(Character.toChars(cp));
            at += Character.charCount(cp);
            Integer id = ids.get(ch);
            if (id != null) {
                tokens[n++] = id;
            } else {
                for (byte b : ch.getBytes(StandardCharsets.UTF_8)) {
                    tokens[n++] = (b & 0xFF) + 3;
                }
            }
        }
        int start = bos ? 1 : 0;
        while (true) {
            float best = -1e10f;
            int bestId = -1;
            int bestAt = -1;
            for (int i = start; i < n - 1; i++) {
                Integer merged = ids.get(pieces[tokens[i]] + pieces[tokens[i + 1]]);
                if (merged != null && scores[merged] > best) {
                    best = scores[merged];
                    bestId = merged;
                    bestAt = i;
                }
            }
            if (bestAt < 0) {
                break;
            }
            tokens[bestAt] = bestId;
            System.arraycopy(tokens, bestAt + 2, tokens, bestAt + 1, n - bestAt - 2);
            n--;
        }
        if (eos) {
            tokens[n++] = EOS;
        }
        return java.util.Arrays.copyOf(tokens, n);
    }

    private int idOf(String piece) {
        Integer id = ids.get(piece);
        Checks.require(id != null, "the tokenizer has no piece '" + piece + "'");
        return id;
    }

    /** The bytes {@code token} contributes after {@code previous}, as run.c's {@code decode}. */
    public byte[] decodeBytes(int previous, int token) {
        String piece = pieces[token];
        if (piece.length() == 6 && piece.startsWith("<0x") && piece.endsWith(">")) {
            try {
                return new byte[] {(byte) Integer.parseInt(piece.substring(3, 5), 16)};
            } catch (NumberFormatException notAByte) {
                return pieceBytes[token].clone();
            }
        }
        byte[] b = pieceBytes[token];
        if (previous == BOS && b.length > 0 && b[0] == ' ') {
            return java.util.Arrays.copyOfRange(b, 1, b.length);
        }
        return b.clone();
    }

    @Override
    public String decode(int[] tokens, int previous) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int prev = previous;
        for (int t : tokens) {
            out.writeBytes(decodeBytes(prev, t));
            prev = t;
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
