package dev.tokencookie.auth.control;

import java.util.Arrays;

/**
 * Makes a refused login last about as long as an accepted one, for the built-in stores that answer an unknown user
 * sooner than a wrong password (the database store hashes only for a user it finds; the LDAP store binds only then):
 * otherwise the time of a 401 would tell who exists. It learns how long accepted checks take, so it needs no knowledge
 * of the store's hashes or directory, and holds refusals until that long has passed.
 */
final class RefusalTiming {

    /** Accepted checks remembered: enough for a median that one slow check (the store's first, cold) cannot move. */
    static final int SAMPLES = 16;

    private final long[] accepted = new long[SAMPLES];
    private int count;
    private int next;
    /** The median of the remembered checks, in nanoseconds; 0 until the first one. */
    private volatile long typical;

    synchronized void accepted(long nanos) {
        accepted[next] = nanos;
        next = (next + 1) % SAMPLES;
        count = Math.min(count + 1, SAMPLES);
        long[] sorted = Arrays.copyOf(accepted, count);
        Arrays.sort(sorted);
        typical = sorted[count / 2];
    }

    /** How much longer a refusal that took {@code nanos} must wait; 0 before any check was accepted. */
    long remainingNanos(long nanos) {
        return Math.max(0, typical - nanos);
    }
}
