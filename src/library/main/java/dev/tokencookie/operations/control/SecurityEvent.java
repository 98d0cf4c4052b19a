package dev.tokencookie.operations.control;

import java.time.Instant;
import java.util.Objects;

/**
 * One security-relevant thing the module did or refused, as a team observes it ({@code @ObservesAsync SecurityEvent})
 * and as the audit logger writes it; it never carries a token, password or cookie value.
 *
 * @param time          when it happened, by this node's clock
 * @param kind          what happened
 * @param outcome       how it ended
 * @param user          the user it concerns, as given at login (a failed login's name too); null where none is known
 * @param sessionId     the login (session) it concerns; null where none is known
 * @param clientAddress the address the request came from (the proxy's, behind one); null for the module's own work
 * @param userAgent     the request's User-Agent; null where none was sent or for the module's own work
 * @param detail        what else identifies it: a signing key's id, or why a refresh was refused; null otherwise
 */
public record SecurityEvent(Instant time, Kind kind, Outcome outcome, String user, String sessionId,
        String clientAddress, String userAgent, String detail) {

    /** What happened; its label is the {@code event} of the audit line. */
    public enum Kind {
        LOGIN("login"),
        REFRESH("refresh"),
        LOGOUT("logout"),
        /** A user ended one or all of their logins through the sessions API. */
        SESSION_REVOKED("session_revoked"),
        /** A new signing key was stored, to sign from its activation on. */
        KEY_ROTATED("key_rotated"),
        /** A signing key was taken out of the JWK Set, every token it signed having expired. */
        KEY_PULLED("key_pulled");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** How it ended; its label is the {@code outcome} of the audit line and of the metrics. */
    public enum Outcome {
        SUCCESS("success"),
        /** A login with a wrong username or password. */
        INVALID_CREDENTIALS("invalid_credentials"),
        /** A login refused by the throttle before the credentials were checked. */
        THROTTLED("throttled"),
        /** A request to a cookie endpoint refused as a possible forgery (CSRF). */
        CROSS_SITE("cross_site"),
        /** The database or the user store did not answer: the client got 503. */
        UNAVAILABLE("unavailable"),
        /** A refresh token exchanged for its successor. */
        ROTATED("rotated"),
        /** A refresh token used again within the leeway, given the same successor (tabs sharing a cookie). */
        REPEATED("repeated"),
        /** A used refresh token presented after the leeway: its session has been revoked. */
        REUSE_DETECTED("reuse_detected"),
        /** A refresh token unknown, expired or of an ended session. */
        REFUSED("refused"),
        /** A login or refresh whose DPoP proof was missing (where required) or proved nothing for the request. */
        INVALID_PROOF("invalid_proof");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public SecurityEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** An event of a request: its time is now. */
    public static SecurityEvent of(Kind kind, Outcome outcome, String user, String sessionId, String clientAddress,
            String userAgent) {
        return new SecurityEvent(Instant.now(), kind, outcome, user, sessionId, clientAddress, userAgent, null);
    }

    /** The same event with a detail added. */
    public SecurityEvent withDetail(String value) {
        return new SecurityEvent(time, kind, outcome, user, sessionId, clientAddress, userAgent, value);
    }
}
