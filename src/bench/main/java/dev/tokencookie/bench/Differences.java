package dev.tokencookie.bench;

import java.util.Arrays;

/**
 * Paired differences between two servers measured by turns, summed up so that a reader sees at once whether they
 * stand out of their own spread: a 95 % interval that holds zero is no difference this run could show.
 */
record Differences(double mean, double standardError, double min, double max, int negative, int count) {

    /**
     * Student's t for a two-sided 95 % interval, by degrees of freedom from 1 to 30; beyond 30 the value for 30, a
     * little wider than the true one.
     */
    private static final double[] T_95 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
        2.056, 2.052, 2.048, 2.045, 2.042};

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

    /** Half the width of the mean's 95 % interval. */
    double margin() {
        return t95(count - 1) * standardError;
    }

    private static double t95(int degreesOfFreedom) {
        return T_95[Math.max(1, Math.min(degreesOfFreedom, T_95.length)) - 1];
    }

    /**
     * One change measured in both orders, read together: each argument holds the variant's cost minus the base's, the
     * first with the variant on the second server, the other with it on the first. Whatever the second place adds
     * every time counts once for the change and once against it, so half their sum is the change's effect and half
     * their difference the second place's own. A process's own luck is only averaged, and the rounds' spread, which the
     * interval is built from, leaves it out. The interval takes Welch's degrees of freedom, rounded down, which widens
     * it a little.
     */
    static String bothOrders(Differences variantSecond, Differences variantFirst) {
        double effect = (variantSecond.mean + variantFirst.mean) / 2;
        double place = (variantSecond.mean - variantFirst.mean) / 2;
        double a = variantSecond.standardError * variantSecond.standardError;
        double b = variantFirst.standardError * variantFirst.standardError;
        double standardError = Math.sqrt(a + b) / 2;
        int degrees = a + b == 0 ? variantSecond.count + variantFirst.count - 2
                : (int) Math.floor((a + b) * (a + b)
                        / (a * a / (variantSecond.count - 1) + b * b / (variantFirst.count - 1)));
        double margin = t95(degrees) * standardError;
        return String.format("mean %+.0f µs, standard error %.0f µs, 95 %% interval %+.0f to %+.0f µs (%d %s of "
                + "freedom); the second place's own: %+.0f µs", effect, standardError, effect - margin,
                effect + margin, degrees, degrees == 1 ? "degree" : "degrees", place);
    }

    String describe() {
        return String.format("mean %+.0f µs, standard error %.0f µs, 95 %% interval %+.0f to %+.0f µs, range %+.0f to "
                + "%+.0f µs, below zero in %d of %d rounds", mean, standardError, mean - margin(), mean + margin(),
                min, max, negative, count);
    }
}
