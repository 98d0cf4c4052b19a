package dev.tokencookie.refreshtoken.control;

import java.util.Optional;

/**
 * A presented refresh token cannot be exchanged; the reason is for the server log, the client only learns "invalid".
 */
public class RefreshTokenRejectedException extends Exception {

    /** Why a token was refused. */
    public enum Reason {
        UNKNOWN, EXPIRED, REVOKED,
        /** Consumed, and presented again after the leeway: the session has been revoked. */
        REUSED,
        /**
         * Of a login bound to a key, presented without a proof of that key: someone else holds the cookie, and the
         * session has been revoked.
         */
        WRONG_KEY,
        /** Of a bearer login, while the server requires every login to be bound: it must log in again. */
        UNBOUND
    }

    private final Reason reason;
    private final transient RefreshTokenReuse reuse;

    public RefreshTokenRejectedException(Reason reason) {
        this(reason, null);
    }

    RefreshTokenRejectedException(Reason reason, RefreshTokenReuse reuse) {
        super("Refresh token refused: " + reason);
        this.reason = reason;
        this.reuse = reuse;
    }

    public Reason reason() {
        return reason;
    }

    /** For a theft just detected: who and where, to raise the alarm once the revocation is committed. */
    public Optional<RefreshTokenReuse> reuse() {
        return Optional.ofNullable(reuse);
    }
}
