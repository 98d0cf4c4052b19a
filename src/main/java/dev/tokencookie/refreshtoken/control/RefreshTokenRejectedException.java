package dev.tokencookie.refreshtoken.control;

/**
 * A presented refresh token cannot be exchanged; the reason is for the server log, the client only learns "invalid".
 */
public class RefreshTokenRejectedException extends Exception {

    /** Why a token was refused. */
    public enum Reason {
        UNKNOWN, EXPIRED, REVOKED,
        /** Consumed, and presented again after the leeway: the family has been revoked. */
        REUSED
    }

    private final Reason reason;

    public RefreshTokenRejectedException(Reason reason) {
        super("Refresh token refused: " + reason);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
