package dev.tokencookie.auth.control;

import dev.tokencookie.settings.control.AuthSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * Slows password guessing by counting failed logins per username and per client address in this node's memory, and
 * refusing attempts over the limit until the window has passed, the right password included.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class.getName());

    /** One address may fail this many times the per-user limit: it may stand for a whole office behind one NAT. */
    static final int ADDRESS_FACTOR = 10;
    /** At most this many keys per map; beyond, the oldest windows are dropped, so a spray cannot grow memory. */
    static final int MAX_TRACKED = 100_000;

    @Inject
    AuthSettings settings;

    Clock clock = Clock.systemUTC();

    private final Map<String, Window> users = new ConcurrentHashMap<>();
    private final Map<String, Window> addresses = new ConcurrentHashMap<>();

    private record Window(Instant start, int attempts) {
    }

    /**
     * Claims an attempt before the password is checked: counted at once, so that a burst of parallel guesses cannot
     * all pass the check before the first failure is recorded.
     *
     * @return how long the caller must wait, when it is over a limit (then nothing is counted); empty to go ahead
     */
    public Optional<Duration> tryAttempt(String username, String address) {
        Instant now = clock.instant();
        String user = userKey(username);
        Optional<Duration> wait = claim(users, user, settings.loginMaxFailures(), now);
        if (wait.isPresent()) {
            return wait;
        }
        wait = claim(addresses, address, settings.loginMaxFailures() * ADDRESS_FACTOR, now);
        if (wait.isPresent()) {
            release(users, user);
        }
        return wait;
    }

    /** The attempt succeeded: the username's count starts again, and the attempt no longer counts for the address. */
    public void succeeded(String username, String address) {
        users.remove(userKey(username));
        release(addresses, address);
    }

    private Optional<Duration> claim(Map<String, Window> windows, String key, int limit, Instant now) {
        AtomicReference<Duration> wait = new AtomicReference<>();
        windows.compute(key, (k, window) -> {
            if (window == null || isOver(window, now)) {
                return new Window(now, 1);
            }
            if (window.attempts() >= limit) {
                wait.set(Duration.between(now, window.start().plus(settings.loginFailureWindow())));
                return window;
            }
            return new Window(window.start(), window.attempts() + 1);
        });
        if (windows.size() > MAX_TRACKED) {
            shrink(windows, now);
        }
        return Optional.ofNullable(wait.get());
    }

    private static void release(Map<String, Window> windows, String key) {
        windows.computeIfPresent(key, (k, window) ->
                window.attempts() <= 1 ? null : new Window(window.start(), window.attempts() - 1));
    }

    private void shrink(Map<String, Window> windows, Instant now) {
        windows.values().removeIf(window -> isOver(window, now));
        int excess = windows.size() - MAX_TRACKED * 9 / 10;
        if (excess > 0) {
            LOG.warning(() -> "Login throttle is tracking too many keys; dropping the " + excess + " oldest");
            windows.entrySet().stream().sorted(Map.Entry.comparingByValue(Comparator.comparing(Window::start)))
                    .limit(excess).map(Map.Entry::getKey).toList().forEach(windows::remove);
        }
    }

    private boolean isOver(Window window, Instant now) {
        return !now.isBefore(window.start().plus(settings.loginFailureWindow()));
    }

    /**
     * One key for every spelling an identity store may treat as the same user (case, width, surrounding spaces), and
     * of fixed size, whatever the length of what was sent.
     */
    static String userKey(String username) {
        String canonical = Normalizer.normalize(username, Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ")
                .toLowerCase(Locale.ROOT);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
