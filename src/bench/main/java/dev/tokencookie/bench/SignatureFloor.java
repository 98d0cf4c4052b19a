package dev.tokencookie.bench;

import dev.tokencookie.accesstoken.control.SignatureWork;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The JDK's signature of an access token, sampled in windows of one second around each round: a floor measured once
 * does not hold for the rounds it is compared with, because the signature's cost moves by a third within one run on
 * this machine, and a short warm-up measures it before it settles (docs/performance-runs.md).
 */
final class SignatureFloor {

    static final Duration WINDOW = Duration.ofSeconds(1);

    private final Callable<?> sign;
    private final List<Double> warmUp;

    private SignatureFloor(Callable<?> sign, List<Double> warmUp) {
        this.sign = sign;
        this.warmUp = warmUp;
    }

    /** A probe for the algorithm, its signature run in windows for {@code warmUp} first, each window kept. */
    static SignatureFloor warmedUp(String algorithm, Duration warmUp) throws Exception {
        SignatureWork work = SignatureWork.of(algorithm);
        byte[] input = signingInput();
        Callable<?> sign = () -> work.sign(input);
        List<Double> windows = new ArrayList<>();
        SignatureFloor probe = new SignatureFloor(sign, windows);
        for (long w = 0; w < warmUp.dividedBy(WINDOW); w++) {
            windows.add(probe.sample());
        }
        return probe;
    }

    /** Microseconds per signature over one window: one sample of the machine's speed at this moment. */
    double sample() throws Exception {
        return CpuCost.microsPerCall(sign, Duration.ZERO, WINDOW);
    }

    /** The warm-up's windows in order, so that a report shows when the signature's cost settled. */
    List<Double> warmUpWindows() {
        return List.copyOf(warmUp);
    }

    /** A signing input of an access token's size: header and claims, base64url, about 400 bytes. */
    static byte[] signingInput() {
        return ("eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDEyIn0."
                + "x".repeat(320)).getBytes(StandardCharsets.US_ASCII);
    }

    /** The windows sampled around a set of rounds: their mean is the floor those rounds are compared with. */
    record Windows(List<Double> micros) {

        static final Windows NONE = new Windows(List.of());

        Windows plus(Windows other) {
            List<Double> all = new ArrayList<>(micros);
            all.addAll(other.micros);
            return new Windows(List.copyOf(all));
        }

        double mean() {
            return micros.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        }

        /** The mean, and the windows' range in brackets. */
        String describe() {
            return String.format("%.0f (%.0f–%.0f)", mean(),
                    micros.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                    micros.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
        }
    }
}
