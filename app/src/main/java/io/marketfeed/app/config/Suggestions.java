package io.marketfeed.app.config;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean ...?" for misspelled keys and names: the closest candidate by edit distance. */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * The candidate closest to {@code word}, if it is close enough to be a likely typo: one edit for words of up
     * to three characters, otherwise two, or a third of the length for long words (at most three). Ties go to
     * the candidate that comes first.
     */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        int allowed = word.length() <= 3 ? 1 : Math.max(2, Math.min(3, word.length() / 3));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(word, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /**
     * Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours each
     * cost one. Case differences count, so that {@code Symbols} still suggests {@code symbols}.
     */
    static int distance(String left, String right) {
        int[][] cost = new int[left.length() + 1][right.length() + 1];
        for (int i = 0; i <= left.length(); i++) {
            cost[i][0] = i;
        }
        for (int j = 0; j <= right.length(); j++) {
            cost[0][j] = j;
        }
        for (int i = 1; i <= left.length(); i++) {
            for (int j = 1; j <= right.length(); j++) {
                int substitution = left.charAt(i - 1) == right.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(cost[i - 1][j] + 1, cost[i][j - 1] + 1),
                        cost[i - 1][j - 1] + substitution);
                if (i > 1 && j > 1 && left.charAt(i - 1) == right.charAt(j - 2)
                        && left.charAt(i - 2) == right.charAt(j - 1)) {
                    best = Math.min(best, cost[i - 2][j - 2] + 1);
                }
                cost[i][j] = best;
            }
        }
        return cost[left.length()][right.length()];
    }
}
