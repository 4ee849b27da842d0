package org.lorasim.cli.output;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lorasim.actors.profile.DeviceProfile;
import org.lorasim.actors.run.ClientSplit;

/**
 * {@code clients.csv}: how the data and devices were split, one row per client: {@code client}, {@code data}
 * ({@code real}, or {@code synthetic} for a system-only run, which has no data: its {@code examples} is the
 * synthetic count and it has no label columns and no groups), {@code examples}, one {@code label:NAME} column
 * per label with the client's count of it, {@code groups} (the examples' groups, e.g. rule categories, as
 * {@code name=count} by count then name, separated by {@code ;}, the first {@value #MAX_GROUPS} then
 * {@code +N more}), the device profile as drawn ({@code flops_per_second}, {@code memory_bytes},
 * {@code uplink_bytes_per_second}, {@code downlink_bytes_per_second}, {@code latency_ms},
 * {@code profile_straggler}; scenario slow-downs come later and are in {@code events.jsonl}) and
 * {@code lora_rank}. Fields are quoted as in {@link RoundsCsv}.
 */
public final class ClientsCsv {
    public static final String FILE = "clients.csv";
    static final int MAX_GROUPS = 5;

    private ClientsCsv() {
    }

    public static String render(ClientSplit split) {
        List<String> header = new ArrayList<>(List.of("client", "data", "examples"));
        split.labelNames().forEach(name -> header.add("label:" + name));
        header.addAll(List.of("groups", "flops_per_second", "memory_bytes", "uplink_bytes_per_second",
                "downlink_bytes_per_second", "latency_ms", "profile_straggler", "lora_rank"));
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", header.stream().map(RoundsCsv::quote).toList())).append('\n');
        for (ClientSplit.Client c : split.clients()) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(c.id()), split.synthetic() ? "synthetic"
                    : "real", Integer.toString(c.examples())));
            for (int label = 0; label < split.labelNames().size(); label++) {
                row.add(Integer.toString(label < c.labelCounts().size() ? c.labelCounts().get(label) : 0));
            }
            DeviceProfile p = c.profile();
            row.addAll(List.of(groups(c.groups()), number(p.flops()), Long.toString(p.memoryBytes()),
                    number(p.uplinkBytesPerSecond()), number(p.downlinkBytesPerSecond()),
                    number(p.latencyNanos() / 1e6), Boolean.toString(p.straggler()), Integer.toString(c.rank())));
            out.append(String.join(",", row.stream().map(RoundsCsv::quote).toList())).append('\n');
        }
        return out.toString();
    }

    /** The rows of a rendered file, header first. */
    static List<List<String>> parse(String text) {
        return org.lorasim.actors.run.CsvText.parse(text);
    }

    static String groups(Map<String, Integer> groups) {
        List<Map.Entry<String, Integer>> sorted = groups.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .toList();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < Math.min(MAX_GROUPS, sorted.size()); i++) {
            parts.add(sorted.get(i).getKey() + "=" + sorted.get(i).getValue());
        }
        if (sorted.size() > MAX_GROUPS) {
            parts.add("+" + (sorted.size() - MAX_GROUPS) + " more");
        }
        return String.join(";", parts);
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e18 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.6g", value);
    }
}
