package org.lorasim.cluster.cli;

import java.util.Collection;
import java.util.Optional;

/**
 * "Did you mean" for an unknown config key: the known key closest in Levenshtein distance when it is at most
 * {@value #MAX_DISTANCE} edits away, else the closest known key that ends with the same last path segment
 * (the key was put in the wrong block), else nothing.
 */
final class KeySuggestions {

    static final int MAX_DISTANCE = 3;

    private KeySuggestions() {
    }

    static Optional<String> suggest(String unknown, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String sameLeaf = null;
        int sameLeafDistance = Integer.MAX_VALUE;
        String leaf = lastSegment(unknown);
        for (String candidate : known) {
            int distance = levenshtein(unknown, candidate);
            if (distance < bestDistance || distance == bestDistance && candidate.compareTo(best) < 0) {
                best = candidate;
                bestDistance = distance;
            }
            if (lastSegment(candidate).equals(leaf) && (distance < sameLeafDistance
                    || distance == sameLeafDistance && candidate.compareTo(sameLeaf) < 0)) {
                sameLeaf = candidate;
                sameLeafDistance = distance;
            }
        }
        if (best != null && bestDistance <= MAX_DISTANCE) {
            return Optional.of(best);
        }
        return Optional.ofNullable(sameLeaf);
    }

    static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** Edits (insert, delete, substitute one character) that turn {@code a} into {@code b}. */
    static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
