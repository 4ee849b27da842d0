package org.lorasim.actors.profile;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.lorasim.policies.Checks;

/**
 * Availability from a trace of intervals, as FedScale's client behaviour traces (Lai et al.,
 * arXiv:2105.11367), which list when each device was online. A client is available at simulated time
 * {@code t} when {@code t} lies inside any of its intervals {@code [start, end)} (half-open, so adjacent
 * intervals join with no gap). Reads time, not the round.
 *
 * <p>The file is CSV with the header {@code client,start,end}; start and end in simulated seconds
 * (decimals allowed, kept as nanoseconds), {@code end > start >= 0}; a client may have many rows, in any
 * order, overlapping or not. A client with no row is available always if {@code missingAvailable},
 * otherwise never. Bad rows fail naming the file and line.
 */
public final class IntervalTrace implements Availability {
    static final List<String> COLUMNS = List.of("client", "start", "end");

    /** Per client: merged, sorted, disjoint intervals as {starts[], ends[]} in nanoseconds. */
    private final Map<Integer, long[][]> intervals;
    private final boolean missingAvailable;

    /**
     * @param intervalsNanos   per client, intervals {@code {start, end}} in nanoseconds, {@code end > start >= 0}
     * @param missingAvailable the answer for clients without intervals
     */
    public IntervalTrace(Map<Integer, List<long[]>> intervalsNanos, boolean missingAvailable) {
        Checks.require(intervalsNanos != null, "intervalsNanos must not be null");
        Map<Integer, long[][]> merged = new TreeMap<>();
        intervalsNanos.forEach((client, list) -> merged.put(client, merge(client, list)));
        this.intervals = merged;
        this.missingAvailable = missingAvailable;
    }

    public static IntervalTrace read(Path file, boolean missingAvailable) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString(), missingAvailable);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the availability trace: " + e.getMessage(), e);
        }
    }

    /** Parses a trace; {@code source} names it in error messages. */
    public static IntervalTrace parse(Reader reader, String source, boolean missingAvailable) {
        Map<Integer, List<long[]>> intervals = new TreeMap<>();
        for (CsvRows.Row row : CsvRows.read(reader, source, COLUMNS)) {
            int client = row.clientId("client");
            double start = row.number("start");
            double end = row.number("end");
            if (start < 0) {
                throw row.error("start must be >= 0 seconds, got " + start);
            }
            if (!(end > start)) {
                throw row.error("end must be > start, got start=" + start + ", end=" + end);
            }
            intervals.computeIfAbsent(client, c -> new ArrayList<>())
                    .add(new long[] {Math.round(start * 1e9), Math.round(end * 1e9)});
        }
        return new IntervalTrace(intervals, missingAvailable);
    }

    @Override
    public boolean availableAt(int clientId, int round, long simTimeNanos) {
        long[][] own = intervals.get(clientId);
        if (own == null) {
            return missingAvailable;
        }
        long[] starts = own[0];
        int i = Arrays.binarySearch(starts, simTimeNanos);
        int last = i >= 0 ? i : -i - 2;
        return last >= 0 && simTimeNanos < own[1][last];
    }

    /** The client ids that have at least one interval, in order. */
    public Set<Integer> clients() {
        return intervals.keySet();
    }

    public boolean missingAvailable() {
        return missingAvailable;
    }

    private static long[][] merge(int client, List<long[]> list) {
        Checks.require(client >= 0, "client must be >= 0, got " + client);
        List<long[]> sorted = new ArrayList<>(list);
        for (long[] interval : sorted) {
            Checks.require(interval.length == 2 && interval[0] >= 0 && interval[1] > interval[0],
                    "client " + client + ": an interval must be {start, end} with end > start >= 0, got "
                            + Arrays.toString(interval));
        }
        sorted.sort(Comparator.comparingLong(a -> a[0]));
        List<long[]> out = new ArrayList<>();
        for (long[] interval : sorted) {
            long[] tail = out.isEmpty() ? null : out.get(out.size() - 1);
            if (tail != null && interval[0] <= tail[1]) {
                tail[1] = Math.max(tail[1], interval[1]);
            } else {
                out.add(new long[] {interval[0], interval[1]});
            }
        }
        long[][] result = new long[2][out.size()];
        for (int i = 0; i < out.size(); i++) {
            result[0][i] = out.get(i)[0];
            result[1][i] = out.get(i)[1];
        }
        return result;
    }
}
