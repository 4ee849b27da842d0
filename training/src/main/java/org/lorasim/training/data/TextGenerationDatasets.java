package org.lorasim.training.data;

import java.util.List;
import java.util.Objects;

/**
 * The datasets a decoder fine-tunes on, each an instruction or plain-text {@link TextDataset} with the one
 * label {@value PlainText#LABEL}:
 * <ul>
 *   <li>{@value #TINY_SHAKESPEARE}: {@code tinyshakespeare/input.txt} ({@link PlainText}: speeches grouped by
 *       speaker, the last 10% held out);</li>
 *   <li>{@value #ALPACA5000}: {@code alpaca5000/alpaca_5000.json} ({@link AlpacaInstructions});</li>
 *   <li>{@value LanguageToolCorrections#ID}: built in, LanguageTool's rule examples as correction
 *       instructions ({@link LanguageToolCorrections}, 15% of rule ids held out).</li>
 * </ul>
 * The first two are looked up in the {@link DataLocations} folders, mirror first.
 */
public final class TextGenerationDatasets {
    public static final String TINY_SHAKESPEARE = "tinyshakespeare";
    public static final String ALPACA5000 = "alpaca5000";
    public static final List<String> IDS = List.of(TINY_SHAKESPEARE, ALPACA5000, LanguageToolCorrections.ID);

    static final String SHAKESPEARE_FILE = "input.txt";
    static final String ALPACA_FILE = "alpaca_5000.json";
    private static final double SHAKESPEARE_HELD_OUT = 0.1;

    private final DataLocations locations;

    public TextGenerationDatasets(DataLocations locations) {
        this.locations = Objects.requireNonNull(locations, "locations");
    }

    /**
     * @throws DatasetException when the files are missing (naming every folder searched) or malformed
     */
    public TextDataset load(String id) {
        return switch (id) {
            case TINY_SHAKESPEARE -> PlainText.read(locations.folderWith(id, List.of(SHAKESPEARE_FILE))
                    .resolve(SHAKESPEARE_FILE), id, SHAKESPEARE_HELD_OUT);
            case ALPACA5000 -> AlpacaInstructions.read(locations.folderWith(id, List.of(ALPACA_FILE))
                    .resolve(ALPACA_FILE), id);
            case LanguageToolCorrections.ID -> LanguageToolCorrections.english(LanguageToolAcceptability.DEFAULT_HELD_OUT_FRACTION);
            default -> throw new DatasetException("unknown text-generation dataset '" + id + "'; known: " + IDS);
        };
    }
}
