package dev.tokencookie.refreshtoken.control;

import dev.tokencookie.settings.control.AuthSettings;
import dev.tokencookie.shared.control.UncheckedCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A user's view of their own logins: list them, end one, or end them all ("log out everywhere").
 */
@ApplicationScoped
@Transactional
@UncheckedCommit
public class Sessions {

    @Inject
    RefreshTokenStore store;

    @Inject
    AuthSettings settings;

    @Inject
    Event<SessionsRevoked> revoked;

    Clock clock = Clock.systemUTC();

    public List<Session> liveSessionsOf(String username) {
        Instant now = clock.instant();
        return store.liveSessionsOf(username, now, now.minus(settings.refreshToken().idleTtl())).stream()
                .map(f -> new Session(f.getId(), f.getCreatedAt(), f.getLastUsedAt(), f.getUserAgent()))
                .toList();
    }

    /** @return false when the user has no such live session, including when it is somebody else's */
    public boolean revoke(String username, String sessionId) {
        if (!isLive(username, sessionId) || !store.revokeSession(sessionId, clock.instant())) {
            return false;
        }
        revoked.fire(new SessionsRevoked(List.of(sessionId)));
        return true;
    }

    /** Whether the session is the user's and alive: an access token of a revoked login must not manage sessions. */
    public boolean isLive(String username, String sessionId) {
        return liveSessionsOf(username).stream().anyMatch(session -> session.id().equals(sessionId));
    }

    /** @return the ids of the sessions that were live and are now revoked (a login racing with this may be missed) */
    public List<String> revokeAll(String username) {
        List<String> live = liveSessionsOf(username).stream().map(Session::id).toList();
        store.revokeSessionsOf(username, clock.instant());
        revoked.fire(new SessionsRevoked(live));
        return live;
    }

    /** Asks the store something, for the readiness probe: it throws when the database does not answer. */
    public void ping() {
        store.ping();
    }

    /** The sessions revoked at or after the instant, by any node, with the instant of each revocation. */
    public Map<String, Instant> revokedSince(Instant since) {
        return store.revokedSince(since);
    }
}
