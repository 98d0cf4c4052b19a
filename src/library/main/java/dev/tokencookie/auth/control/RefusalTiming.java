package dev.tokencookie.auth.control;

import java.util.Arrays;

/**
 * Makes a refused login last about as long as an accepted one, for the built-in stores that answer an unknown user
 * sooner than a wrong password (the database store hashes only for a user it finds; the LDAP store binds only then):
 * otherwise the time of a 401 would tell who exists. It learns how long accepted checks take, so it needs no knowledge
 * of the store's hashes or directory, and holds refusals until that long has passed.
 */
final class RefusalTiming {

    /** Accepted checks remembered: enough that a few slow ones (the store's first, cold) move the hold little. */
    static final int SAMPLES = 16;

    /**
     * The longest a refusal is held, in nanoseconds: a store slower than this is in trouble, and holding request
     * threads longer would only spread it.
     */
    static final long MAX_HOLD_NANOS = 2_000_000_000L;

    /**
     * How far beyond the accepted checks a refusal is held, in quarters: a machine whose speed moves makes a wrong
     * password's hash take longer now than the accepted checks did a minute ago, and a refusal held only to their time
     * would then answer an unknown user sooner. Held a quarter longer, both kinds of refusal end at the hold while the
     * hash stays within it. A refused login is the one answer whose speed nobody needs.
     */
    static final int HEADROOM_QUARTERS = 5;

    private final long[] accepted = new long[SAMPLES];
    private int count;
    private int next;
    /**
     * A quarter beyond the third quartile of the remembered checks, in nanoseconds (0 until the first one): above the
     * median, so that a wrong password whose hash costs more than most still waits as long as an unknown user does.
     */
    private volatile long typical;

    synchronized void accepted(long nanos) {
        accepted[next] = nanos;
        next = (next + 1) % SAMPLES;
        count = Math.min(count + 1, SAMPLES);
        long[] sorted = Arrays.copyOf(accepted, count);
        Arrays.sort(sorted);
        typical = Math.min(MAX_HOLD_NANOS, sorted[count * 3 / 4] / 4 * HEADROOM_QUARTERS);
    }

    /** How much longer a refusal that took {@code nanos} must wait; 0 before any check was accepted. */
    long remainingNanos(long nanos) {
        return Math.max(0, typical - nanos);
    }
}
