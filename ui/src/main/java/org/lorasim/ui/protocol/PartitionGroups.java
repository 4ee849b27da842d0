package org.lorasim.ui.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The groups of a {@code scenario-partition} event, read back from its detail as the scenario runner writes it
 * ({@code List.toString()} of the groups: {@code [[0, 1], [2]]}).
 */
public final class PartitionGroups {

    private static final Pattern GROUP = Pattern.compile("\\[([0-9, ]*)]");

    private PartitionGroups() {
    }

    /** {@code "[[0, 1], [2]]"} is {@code [[0, 1], [2]]}; text without groups gives none. */
    public static List<List<Integer>> parse(String detail) {
        List<List<Integer>> groups = new ArrayList<>();
        Matcher m = GROUP.matcher(detail.length() > 1 ? detail.substring(1) : detail);
        while (m.find()) {
            List<Integer> ids = new ArrayList<>();
            for (String id : m.group(1).split(",")) {
                if (!id.isBlank()) {
                    ids.add(Integer.parseInt(id.trim()));
                }
            }
            if (!ids.isEmpty()) {
                groups.add(List.copyOf(ids));
            }
        }
        return List.copyOf(groups);
    }
}
