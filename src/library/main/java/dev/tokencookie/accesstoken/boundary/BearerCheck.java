package dev.tokencookie.accesstoken.boundary;

import dev.tokencookie.accesstoken.control.AccessTokenVerifier;
import dev.tokencookie.accesstoken.control.TokenRejectedException;
import dev.tokencookie.accesstoken.control.VerifiedToken;
import dev.tokencookie.operations.control.TokenRefusal;
import dev.tokencookie.problems.boundary.BearerChallenges;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a request's bearer credentials come to, decided once per request and kept on it: the authentication mechanism
 * and the filter both look at a request, and the second must neither verify its token again nor answer differently.
 */
final class BearerCheck {

    /** What the credentials come to. */
    enum Outcome {
        /** No Authorization header. */
        ABSENT,
        /** A genuine, current token: {@link #token()} holds it. */
        VERIFIED,
        /** A malformed header or a token the verifier refused: {@link #refuse} answers it. */
        REFUSED
    }

    private static final String ATTRIBUTE = BearerCheck.class.getName();

    private static final Logger LOG = Logger.getLogger(BearerCheck.class.getName());

    private final Outcome outcome;
    private final VerifiedToken token;
    private final String error;
    private final String description;
    private final TokenRefusal refusal;

    private BearerCheck(Outcome outcome, VerifiedToken token, String description, TokenRefusal refusal) {
        this.outcome = outcome;
        this.token = token;
        this.error = outcome == Outcome.REFUSED ? "invalid_token" : null;
        this.description = description;
        this.refusal = refusal;
    }

    /** The request's check: made now and kept on the request, or the one made before on it. */
    static BearerCheck of(HttpServletRequest request, AccessTokenVerifier verifier) {
        if (request.getAttribute(ATTRIBUTE) instanceof BearerCheck made) {
            return made;
        }
        BearerCheck check = make(BearerCredentials.from(request.getHeaders("Authorization")), verifier);
        request.setAttribute(ATTRIBUTE, check);
        return check;
    }

    private static BearerCheck make(BearerCredentials credentials, AccessTokenVerifier verifier) {
        return switch (credentials.outcome()) {
            case ABSENT -> new BearerCheck(Outcome.ABSENT, null, TokenRefusals.TOKEN_REQUIRED, TokenRefusal.MISSING);
            case MALFORMED -> refused("The access token is invalid", TokenRefusal.INVALID);
            case PRESENT -> verify(credentials.token(), verifier);
        };
    }

    private static BearerCheck verify(String token, AccessTokenVerifier verifier) {
        try {
            return new BearerCheck(Outcome.VERIFIED, verifier.verify(token), null, null);
        } catch (TokenRejectedException e) {
            LOG.fine(() -> "Refused an access token, " + e.reason() + ": " + e.getMessage());
            return switch (e.reason()) {
                case EXPIRED -> refused("The access token expired", TokenRefusal.EXPIRED);
                case SESSION_ENDED -> refused(TokenRefusals.SESSION_ENDED, TokenRefusal.SESSION_ENDED);
                case INVALID -> refused("The access token is invalid", TokenRefusal.INVALID);
            };
        } catch (RuntimeException e) {
            // Whatever a hostile token makes a parser do, the client gets a refusal, never a 500. The exception's
            // message may quote the token, so only its type and origin are logged.
            StackTraceElement[] where = e.getStackTrace();
            LOG.log(Level.SEVERE, "Access-token verification failed with " + e.getClass().getName()
                    + (where.length > 0 ? " at " + where[0] : ""));
            return refused("The access token is invalid", TokenRefusal.INVALID);
        }
    }

    private static BearerCheck refused(String description, TokenRefusal refusal) {
        return new BearerCheck(Outcome.REFUSED, null, description, refusal);
    }

    /** Why a request without a verified token would be refused, for the metrics; null when verified. */
    TokenRefusal refusal() {
        return refusal;
    }

    Outcome outcome() {
        return outcome;
    }

    /** The verified token; null unless the outcome is {@link Outcome#VERIFIED}. */
    VerifiedToken token() {
        return token;
    }

    /**
     * Answers 401 with the RFC 6750 challenge: without an error code when there were no credentials (section 3.1),
     * {@code invalid_token} and why otherwise.
     */
    void refuse(HttpServletResponse response, String realm) throws IOException {
        if (outcome == Outcome.VERIFIED) {
            throw new IllegalStateException("A verified token is no refusal");
        }
        BearerChallenges.write(response, challenge(realm), error == null ? "unauthorized" : error, description);
    }

    /** The RFC 6750 challenge of the refusal, for a response whose body the container writes. */
    String challenge(String realm) {
        return error == null ? TokenRefusals.tokenRequiredChallenge(realm)
                : BearerChallenges.challenge(realm, error, description);
    }
}
