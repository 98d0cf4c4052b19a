package dev.tokencookie.auth.control;

import dev.tokencookie.auth.control.LoginWindows.Limit;
import dev.tokencookie.settings.control.AuthSettings;
import dev.tokencookie.shared.control.Causes;
import dev.tokencookie.shared.control.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Slows password guessing by counting failed logins per username and per client address in the database that every
 * node shares, and refusing attempts over the limit until the window has passed, the right password included.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class.getName());

    /** One address may fail this many times the per-user limit: it may stand for a whole office behind one NAT. */
    static final int ADDRESS_FACTOR = 10;

    @Inject
    AuthSettings settings;

    @Inject
    LoginWindows windows;

    Clock clock = Clock.systemUTC();

    /** Ended windows deleted per sweep: one short transaction, whatever a spray of usernames left behind. */
    int sweepBatch = 1000;

    /** When this node next deletes ended windows, epoch ms; Long.MAX_VALUE while a sweep runs. */
    private final AtomicLong nextSweep = new AtomicLong(Long.MIN_VALUE);

    /**
     * Claims an attempt before the password is checked: counted at once, so that a burst of parallel guesses cannot
     * all pass the check before the first failure is recorded.
     *
     * @return how long the caller must wait, when it is over a limit (then nothing is counted); empty to go ahead
     */
    public Optional<Duration> tryAttempt(String username, String address) {
        Instant now = clock.instant();
        sweepIfDue(now);
        int limit = settings.login().maxFailures();
        // One transaction for both counts; the username's limit is looked at first.
        List<Limit> limits = List.of(new Limit(userKey(username), limit),
                new Limit(addressKey(address), limit * ADDRESS_FACTOR));
        for (int lost = 0;; lost++) {
            try {
                return windows.claim(limits, now, settings.login().failureWindow());
            } catch (RuntimeException e) {
                // Another node inserted a key's first row at the same moment; now the row is there to count in. Each
                // lost race leaves one more key's row in place, so there are no more of them than keys.
                if (!isConstraintViolation(e) || lost == limits.size()) {
                    throw e;
                }
            }
        }
    }

    /** The attempt succeeded: the username's count starts again, and the attempt no longer counts for the address. */
    public void succeeded(String username, String address) {
        windows.succeeded(userKey(username), addressKey(address), clock.instant());
    }

    /** No password was checked (the identity store did not answer): the attempt counts for neither limit. */
    public void unanswered(String username, String address) {
        windows.release(List.of(userKey(username), addressKey(address)));
    }

    private static boolean isConstraintViolation(Throwable exception) {
        return Causes.chain(exception).stream().anyMatch(t -> t instanceof SQLException sql
                && sql.getSQLState() != null && sql.getSQLState().startsWith("23"));
    }

    /**
     * Deletes the windows that have ended, once per window on this node, and again at the next attempt while a sweep
     * finds a full batch, so that the table keeps up with any rate of attempts in bounded transactions.
     */
    private void sweepIfDue(Instant now) {
        long due = nextSweep.get();
        if (now.toEpochMilli() < due || !nextSweep.compareAndSet(due, Long.MAX_VALUE)) {
            return;
        }
        Duration window = settings.login().failureWindow();
        Instant next = now.plus(window);
        try {
            if (windows.deleteEnded(now.minus(window).minus(settings.clockSkew()), sweepBatch) >= sweepBatch) {
                next = now;
            }
        } catch (RuntimeException e) {
            // The rows wait for the next sweep; the login need not fail for them. The type says enough: a message could
            // quote SQL.
            LOG.log(Level.WARNING, "Could not delete ended login windows: " + e.getClass().getName());
        } finally {
            nextSweep.set(next.toEpochMilli());
        }
    }

    /** The address's SHA-256: of fixed size, and no client address is stored. */
    static String addressKey(String address) {
        return "a:" + Sha256.base64(address);
    }

    /**
     * One key for every spelling that an identity store comparing without regard to case would take for the same user
     * (SQL UPPER(), LDAP's caseIgnoreMatch, String.equalsIgnoreCase), so that spelling a name differently gains no
     * attempts; and of fixed size, whatever the length of what was sent. NFKC first folds width and compatibility forms
     * (full-width letters, ligatures, the Kelvin sign) and composes combining marks. Case is folded without a locale:
     * each character's upper-then-lower mapping, as String.equalsIgnoreCase compares, so that Turkish ı and İ meet i
     * (Unicode case folding alone leaves ı apart); and a full upper-casing between two such passes, so that ß and ẞ
     * meet ss, as LDAP's and MySQL's comparisons take them. Marks are kept: é and e are different names to most stores.
     */
    static String userKey(String username) {
        String compatible = Normalizer.normalize(username, Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ");
        String folded = foldEach(foldEach(compatible).toUpperCase(Locale.ROOT));
        return "u:" + Sha256.base64(Normalizer.normalize(folded, Normalizer.Form.NFKC));
    }

    private static String foldEach(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        text.codePoints().map(c -> Character.toLowerCase(Character.toUpperCase(c))).forEach(folded::appendCodePoint);
        return folded.toString();
    }

}
