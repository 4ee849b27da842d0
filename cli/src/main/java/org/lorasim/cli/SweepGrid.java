package org.lorasim.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code --grid KEY=V1,V2,...} axes of a sweep and their cartesian product. Values are HOCON, split on the
 * commas that are not inside brackets, braces or quotes ({@code --grid lorasim.x=[1,2],[3]} has two values).
 * The first axis varies slowest.
 */
final class SweepGrid {

    record Axis(String key, List<String> values) {
    }

    private SweepGrid() {
    }

    static List<Axis> parse(List<String> grids) {
        List<Axis> axes = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (String grid : grids) {
            int eq = grid.indexOf('=');
            if (eq <= 0 || eq == grid.length() - 1) {
                throw bad(grid, "expected KEY=V1,V2,...");
            }
            String key = grid.substring(0, eq).strip();
            if (!keys.add(key)) {
                throw bad(grid, "'" + key + "' is given twice");
            }
            List<String> values = splitValues(grid.substring(eq + 1));
            if (values.stream().anyMatch(String::isBlank)) {
                throw bad(grid, "an empty value");
            }
            axes.add(new Axis(key, values));
        }
        return axes;
    }

    /** Every combination, each as the {@code key=value} overrides of one run. */
    static List<List<String>> combinations(List<Axis> axes) {
        List<List<String>> combos = new ArrayList<>();
        combos.add(List.of());
        for (Axis axis : axes) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> combo : combos) {
                for (String value : axis.values()) {
                    List<String> extended = new ArrayList<>(combo);
                    extended.add(axis.key() + "=" + value);
                    next.add(List.copyOf(extended));
                }
            }
            combos = next;
        }
        return combos;
    }

    static List<String> splitValues(String text) {
        List<String> values = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '[' || c == '{')) {
                depth++;
            } else if (!quoted && (c == ']' || c == '}')) {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                values.add(current.toString().strip());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        values.add(current.toString().strip());
        return values;
    }

    private static UserInputException bad(String grid, String why) {
        return new UserInputException("bad --grid '" + grid + "': " + why
                + " (e.g. --grid lorasim.clients.count=10,20,50)");
    }
}
