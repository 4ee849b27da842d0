package org.lorasim.cli;

import java.util.Collection;
import java.util.Optional;
import org.lorasim.actors.profile.ConfigReading;

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
            int distance = ConfigReading.editDistance(unknown, candidate);
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
}
