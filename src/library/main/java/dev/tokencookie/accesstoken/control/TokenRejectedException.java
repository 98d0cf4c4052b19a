package dev.tokencookie.accesstoken.control;

/**
 * The verifier's refusal of an access token, in terms of what the client should be told, so that the boundary answers
 * it without knowing the JWT library or its error codes.
 *
 * <p>The message holds jose4j's error codes only, never the token or its claims, and is fit for a log; the cause, when
 * there is one, is jose4j's exception, whose message quotes the claims, and is for tests and debugging only.
 */
public class TokenRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the token is refused, as far as the client may know. */
    public enum Reason {
        /** Genuine, but past its exp (or its iat older than the lifetime): a refresh gets a new one. */
        EXPIRED,
        /** Genuine and unexpired, but its session has ended (signed out, or revoked everywhere). */
        SESSION_ENDED,
        /** Not a token of ours, or not one we accept: forged, altered, mistyped, or for another audience. */
        INVALID
    }

    private final Reason reason;

    TokenRejectedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
