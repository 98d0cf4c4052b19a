package dev.tokencookie.bench;

import java.util.Arrays;

/**
 * Paired differences between two servers measured by turns, summed up so that a reader sees at once whether they
 * stand out of their own spread: a mean within two standard errors of zero, or of both signs, is no difference.
 */
record Differences(double mean, double standardError, double min, double max, int negative, int count) {

    static Differences of(double... differences) {
        if (differences.length < 2) {
            throw new IllegalArgumentException("a spread needs at least two pairs");
        }
        double mean = Arrays.stream(differences).average().orElseThrow();
        double squares = Arrays.stream(differences).map(d -> (d - mean) * (d - mean)).sum();
        double standardError = Math.sqrt(squares / (differences.length - 1) / differences.length);
        return new Differences(mean, standardError, Arrays.stream(differences).min().orElseThrow(),
                Arrays.stream(differences).max().orElseThrow(), (int) Arrays.stream(differences).filter(d -> d < 0)
                        .count(), differences.length);
    }

    String describe() {
        return String.format("mean %+.0f µs, standard error %.0f µs, range %+.0f to %+.0f µs, below zero in %d of %d "
                + "rounds", mean, standardError, min, max, negative, count);
    }
}
