package org.lorasim.actors.profile;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A per-client device table read from CSV with the header {@code client,flops,memory,up,down,latency}
 * (columns in any order): client id (int {@code >= 0}), compute speed in FLOP/s, memory in bytes, uplink
 * and downlink bandwidth in bytes per second, one-way latency in seconds (a decimal; kept as nanoseconds).
 * Every value is a plain number. Bad rows fail with an {@link IllegalArgumentException} naming the file and
 * line ({@code devices.csv:7: ...}).
 */
public final class DeviceTable {
    static final List<String> COLUMNS = List.of("client", "flops", "memory", "up", "down", "latency");

    private final Map<Integer, DeviceProfile> profiles;

    public DeviceTable(Map<Integer, DeviceProfile> profiles) {
        this.profiles = Collections.unmodifiableMap(new TreeMap<>(profiles));
    }

    /** The profiles by client id, in id order. */
    public Map<Integer, DeviceProfile> profiles() {
        return profiles;
    }

    /** The profile of {@code clientId}, or null if the table has no row for it. */
    public DeviceProfile get(int clientId) {
        return profiles.get(clientId);
    }

    public static DeviceTable read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the device table: " + e.getMessage(), e);
        }
    }

    /** Parses a table; {@code source} names it in error messages. */
    public static DeviceTable parse(Reader reader, String source) {
        Map<Integer, DeviceProfile> profiles = new TreeMap<>();
        for (CsvRows.Row row : CsvRows.read(reader, source, COLUMNS)) {
            int client = row.clientId("client");
            DeviceProfile profile;
            try {
                profile = new DeviceProfile(row.number("flops"), (long) row.number("memory"), row.number("up"),
                        row.number("down"), Math.round(row.number("latency") * 1e9), false);
            } catch (IllegalArgumentException e) {
                throw row.error(e.getMessage());
            }
            if (profiles.put(client, profile) != null) {
                throw row.error("client " + client + " appears twice");
            }
        }
        return new DeviceTable(profiles);
    }
}
