package dev.tokencookie.auth.control;

import dev.tokencookie.settings.control.AuthSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after too many failed logins for one username (or ten times as many from one client
 * address) within the window, further attempts are refused until the window has passed, the right password included.
 * The counts live in this node's memory.
 */
@ApplicationScoped
public class LoginThrottle {

    /** One address may fail this many times the per-user limit: it may stand for a whole office behind one NAT. */
    static final int ADDRESS_FACTOR = 10;
    /** Above this many tracked keys, expired ones are dropped, so a spray of usernames cannot grow memory forever. */
    static final int MAX_TRACKED = 100_000;

    @Inject
    AuthSettings settings;

    Clock clock = Clock.systemUTC();

    private final Map<String, Window> users = new ConcurrentHashMap<>();
    private final Map<String, Window> addresses = new ConcurrentHashMap<>();

    private record Window(Instant start, int failures) {
    }

    /** How long the caller must wait before the next attempt; empty when it may try now. */
    public Optional<Duration> lockedFor(String username, String address) {
        Instant now = clock.instant();
        Optional<Duration> user = wait(users.get(userKey(username)), settings.loginMaxFailures(), now);
        Optional<Duration> client = wait(addresses.get(address), settings.loginMaxFailures() * ADDRESS_FACTOR, now);
        return user.isPresent() && client.isPresent()
                ? Optional.of(user.get().compareTo(client.get()) > 0 ? user.get() : client.get())
                : user.or(() -> client);
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        count(users, userKey(username), now);
        count(addresses, address, now);
    }

    /** A successful login clears the username's count; the address keeps its count, as one user's success says little. */
    public void succeeded(String username) {
        users.remove(userKey(username));
    }

    private Optional<Duration> wait(Window window, int limit, Instant now) {
        if (window == null || isOver(window, now) || window.failures() < limit) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, window.start().plus(settings.loginFailureWindow())));
    }

    private void count(Map<String, Window> windows, String key, Instant now) {
        windows.compute(key, (k, window) -> window == null || isOver(window, now)
                ? new Window(now, 1) : new Window(window.start(), window.failures() + 1));
        if (windows.size() > MAX_TRACKED) {
            windows.values().removeIf(window -> isOver(window, now));
        }
    }

    private boolean isOver(Window window, Instant now) {
        return !now.isBefore(window.start().plus(settings.loginFailureWindow()));
    }

    // "Alice" and "alice" are one target to a guesser, whatever the identity store thinks of case.
    private static String userKey(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
