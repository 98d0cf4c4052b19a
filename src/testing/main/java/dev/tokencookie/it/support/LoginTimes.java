package dev.tokencookie.it.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Measures whether a login's answer time tells who exists: failed logins of unknown users and of a known user with a
 * wrong password, interleaved so that a slow moment of the machine falls on both sides alike. The throttle must be set
 * out of the way, as this fails many logins on purpose.
 */
public record LoginTimes(long unknownMicros, long wrongPasswordMicros) {

    private static final int WARM_UP = 10;

    /** The medians of {@code samples} failed logins of each kind, after a warm-up; every one must answer 401. */
    public static LoginTimes measure(Api api, String knownUser, int samples) {
        List<Long> unknown = new ArrayList<>();
        List<Long> wrong = new ArrayList<>();
        for (int i = 0; i < WARM_UP + samples; i++) {
            long unknownNanos = time(api, "no-such-user-" + i);
            long wrongNanos = time(api, knownUser);
            if (i >= WARM_UP) {
                unknown.add(unknownNanos);
                wrong.add(wrongNanos);
            }
        }
        return new LoginTimes(median(unknown) / 1000, median(wrong) / 1000);
    }

    /**
     * For the identity sources whose stores answer an unknown user sooner, where the module holds refusals as long as
     * accepted logins take: signs the user in a few times so that it has accepted checks to go by, then fails unless
     * 31 refusals of each kind take the same time within 25%, and prints the ratio for the docs.
     */
    public static void assertEvenedOut(Api api, String user, String password, String source) {
        for (int i = 0; i < 3; i++) {
            int status = api.login(user, password).status();
            if (status != 200) {
                throw new AssertionError("the user's own login answered " + status);
            }
        }
        LoginTimes times = measure(api, user, 31);
        System.out.println(source + " " + times);
        if (times.ratio() < 0.8 || times.ratio() > 1.25) {
            throw new AssertionError(source + ": " + times);
        }
    }

    /** Unknown over wrong password: 1 when the two cannot be told apart. */
    public double ratio() {
        return (double) unknownMicros / wrongPasswordMicros;
    }

    @Override
    public String toString() {
        return String.format("median unknown/wrong = %.2f (%d us / %d us)", ratio(), unknownMicros,
                wrongPasswordMicros);
    }

    private static long time(Api api, String username) {
        long start = System.nanoTime();
        int status = api.login(username, "not-the-password").status();
        long elapsed = System.nanoTime() - start;
        if (status != 401) {
            throw new AssertionError("a failed login answered " + status + " for " + username);
        }
        return elapsed;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
