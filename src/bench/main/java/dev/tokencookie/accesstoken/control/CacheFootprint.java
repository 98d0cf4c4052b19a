package dev.tokencookie.accesstoken.control;

import dev.tokencookie.settings.control.AuthSettings;
import dev.tokencookie.settings.control.SettingsReader;
import dev.tokencookie.settings.control.SigningAlgorithm;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * What the verified-token cache holds in heap: a stream of distinct tokens, ten times the configured size, goes
 * through the verifier, and the heap it keeps is measured after full collections at each tenth.
 *
 * <p>Run by {@code ./mvnw -Pbench verify} after the JMH benchmarks.
 */
public final class CacheFootprint {

    private static final int SIZE = 10_000;
    private static final int STREAM = 10 * SIZE;

    private CacheFootprint() {
    }

    public static void main(String[] args) throws TokenRejectedException, InterruptedException {
        // ES256 only because it signs a hundred thousand tokens far faster than RS256; an entry is the same either way.
        AuthSettings settings = new SettingsReader(Map.of("auth.access-token.cache-size", String.valueOf(SIZE),
                "auth.signing.algorithm", "ES256")::get, Map.of(), Map.of()).read();
        GeneratedSigningKeys keys = new GeneratedSigningKeys();
        keys.generate(SigningAlgorithm.ES256);
        AccessTokenIssuer issuer = new AccessTokenIssuer(settings, keys, Clock.systemUTC());
        AccessTokenVerifier verifier = new AccessTokenVerifier(settings, keys, SessionRevocations.NONE);

        long empty = usedHeap();
        System.out.printf("cache-size %,d, %,d distinct tokens (a typical one: %d characters)%n", SIZE, STREAM,
                issuer.issue("user-0", Set.of("user"), "session-0").token().length());
        System.out.println("| tokens verified | entries | heap held by the cache (MB) | bytes per entry |");
        System.out.println("|---|---|---|---|");
        long whenFull = 0;
        long held = 0;
        for (int i = 1; i <= STREAM; i++) {
            verifier.verify(issuer.issue("user-" + i, Set.of("user"), "session-" + i).token());
            if (i % (STREAM / 10) == 0) {
                held = usedHeap() - empty;
                whenFull = whenFull == 0 ? held : whenFull;
                int entries = verifier.cachedTokens();
                System.out.printf("| %,d | %,d | %.1f | %,d |%n", i, entries, held / 1e6, held / entries);
            }
        }
        // Full after the first tenth: from then on, ten times as many tokens must not hold more memory.
        if (held > whenFull * 5 / 4 || verifier.cachedTokens() > SIZE) {
            System.out.println("FAILED: the cache grew beyond its bound");
            System.exit(1);
        }
        System.out.println("Held memory stayed at the full cache's size while ten times as many tokens went through.");
    }

    private static long usedHeap() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
