package dev.tokencookie.accesstoken.boundary;

import dev.tokencookie.accesstoken.control.AccessTokenVerifier;
import dev.tokencookie.accesstoken.control.DpopNonceRequiredException;
import dev.tokencookie.accesstoken.control.DpopProofRejectedException;
import dev.tokencookie.accesstoken.control.DpopProofs;
import dev.tokencookie.accesstoken.control.TokenRejectedException;
import dev.tokencookie.accesstoken.control.VerifiedToken;
import dev.tokencookie.operations.control.TokenRefusal;
import dev.tokencookie.problems.boundary.BearerChallenges;
import dev.tokencookie.settings.control.DpopMode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a request's access-token credentials come to, decided once per request and kept on it: the authentication
 * mechanism and the filter both look at a request, and the second must neither verify its token again nor answer
 * differently. A token bound to a key (RFC 9449) counts only under the DPoP scheme with a proof of that key.
 */
final class BearerCheck {

    /** What the credentials come to. */
    enum Outcome {
        /** No Authorization header. */
        ABSENT,
        /** A genuine, current token, with its proof when bound: {@link #token()} holds it. */
        VERIFIED,
        /** A malformed header, a token the verifier refused or a missing or bad proof: {@link #refuse} answers it. */
        REFUSED
    }

    /** Which schemes the challenges of a refusal offer. */
    private enum Schemes { BEARER, DPOP, BOTH }

    static final String PROOF_HEADER = "DPoP";
    static final String NONCE_HEADER = "DPoP-Nonce";

    private static final String ATTRIBUTE = BearerCheck.class.getName();

    private static final Logger LOG = Logger.getLogger(BearerCheck.class.getName());

    private final Outcome outcome;
    private final VerifiedToken token;
    private final String error;
    private final String description;
    private final TokenRefusal refusal;
    private final Schemes schemes;

    private BearerCheck(Outcome outcome, VerifiedToken token, String error, String description, TokenRefusal refusal,
            Schemes schemes) {
        this.outcome = outcome;
        this.token = token;
        this.error = error;
        this.description = description;
        this.refusal = refusal;
        this.schemes = schemes;
    }

    /** The request's check: made now and kept on the request, or the one made before on it. */
    static BearerCheck of(HttpServletRequest request, AccessTokenVerifier verifier, DpopProofs proofs) {
        if (request.getAttribute(ATTRIBUTE) instanceof BearerCheck made) {
            return made;
        }
        BearerCheck check = make(request, BearerCredentials.from(request.getHeaders("Authorization")), verifier,
                proofs);
        request.setAttribute(ATTRIBUTE, check);
        return check;
    }

    private static BearerCheck make(HttpServletRequest request, BearerCredentials credentials,
            AccessTokenVerifier verifier, DpopProofs proofs) {
        DpopMode mode = proofs.mode();
        Schemes schemes = mode == DpopMode.REQUIRED || credentials.dpop() ? Schemes.DPOP : Schemes.BEARER;
        return switch (credentials.outcome()) {
            case ABSENT -> new BearerCheck(Outcome.ABSENT, null, null, TokenRefusals.TOKEN_REQUIRED,
                    TokenRefusal.MISSING, mode == DpopMode.OFF ? Schemes.BEARER
                            : mode == DpopMode.ALLOWED ? Schemes.BOTH : Schemes.DPOP);
            case MALFORMED -> refused("The access token is invalid", TokenRefusal.INVALID, schemes);
            case PRESENT -> verify(request, credentials, verifier, proofs, schemes);
        };
    }

    private static BearerCheck verify(HttpServletRequest request, BearerCredentials credentials,
            AccessTokenVerifier verifier, DpopProofs proofs, Schemes schemes) {
        VerifiedToken verified;
        try {
            verified = verifier.verify(credentials.token());
        } catch (TokenRejectedException e) {
            LOG.fine(() -> "Refused an access token, " + e.reason() + ": " + e.getMessage());
            return switch (e.reason()) {
                case EXPIRED -> refused("The access token expired", TokenRefusal.EXPIRED, schemes);
                case SESSION_ENDED -> refused(TokenRefusals.SESSION_ENDED, TokenRefusal.SESSION_ENDED, schemes);
                case INVALID -> refused("The access token is invalid", TokenRefusal.INVALID, schemes);
            };
        } catch (RuntimeException e) {
            return failed(e, schemes);
        }
        Optional<String> boundKey = verified.boundKey();
        if (boundKey.isEmpty()) {
            if (credentials.dpop()) {
                return refused("The access token is not bound to a key: send it as a Bearer token",
                        TokenRefusal.INVALID, Schemes.DPOP);
            }
            if (proofs.mode() == DpopMode.REQUIRED) {
                return refused("The access token is not bound to a key: a DPoP-bound token is required",
                        TokenRefusal.INVALID, Schemes.DPOP);
            }
            return new BearerCheck(Outcome.VERIFIED, verified, null, null, null, schemes);
        }
        if (!credentials.dpop()) {
            // RFC 9449 section 7.2: a bound token is no bearer token, whoever holds it.
            return refused("The access token is bound to a key: send it with the DPoP scheme and a proof",
                    TokenRefusal.INVALID, Schemes.DPOP);
        }
        return proven(request, credentials.token(), verified, boundKey.get(), proofs);
    }

    /** A bound token's proof: exactly one, for this request and this token, signed with the token's key. */
    private static BearerCheck proven(HttpServletRequest request, String accessToken, VerifiedToken verified,
            String boundKey, DpopProofs proofs) {
        List<String> presented = request.getHeaders(PROOF_HEADER) == null ? List.of()
                : Collections.list(request.getHeaders(PROOF_HEADER));
        if (presented.size() != 1) {
            return badProof("Exactly one DPoP proof is required with a bound access token");
        }
        try {
            String thumbprint = proofs.verify(presented.get(0), proofs.target(request.getMethod(),
                    request.getRequestURL().toString(), request.getContextPath(), request.getRequestURI()),
                    accessToken).thumbprint();
            if (!thumbprint.equals(boundKey)) {
                return badProof("The DPoP proof is not signed with the access token's key");
            }
            return new BearerCheck(Outcome.VERIFIED, verified, null, null, null, Schemes.DPOP);
        } catch (DpopNonceRequiredException e) {
            return new BearerCheck(Outcome.REFUSED, null, "use_dpop_nonce", e.getMessage(), TokenRefusal.INVALID_PROOF,
                    Schemes.DPOP);
        } catch (DpopProofRejectedException e) {
            LOG.fine(() -> "Refused a DPoP proof: " + e.getMessage());
            return badProof(e.getMessage());
        } catch (RuntimeException e) {
            return failed(e, Schemes.DPOP);
        }
    }

    /**
     * Whatever a hostile token or proof makes a parser do, the client gets a refusal, never a 500. The exception's
     * message may quote the token, so only its type and origin are logged.
     */
    private static BearerCheck failed(RuntimeException e, Schemes schemes) {
        StackTraceElement[] where = e.getStackTrace();
        LOG.log(Level.SEVERE, "Access-token verification failed with " + e.getClass().getName()
                + (where.length > 0 ? " at " + where[0] : ""));
        return refused("The access token is invalid", TokenRefusal.INVALID, schemes);
    }

    private static BearerCheck refused(String description, TokenRefusal refusal, Schemes schemes) {
        return new BearerCheck(Outcome.REFUSED, null, "invalid_token", description, refusal, schemes);
    }

    /** RFC 9449 section 7.1: a proof that fails is its own error, so that a client knows to sign anew. */
    private static BearerCheck badProof(String description) {
        return new BearerCheck(Outcome.REFUSED, null, "invalid_dpop_proof", description, TokenRefusal.INVALID_PROOF,
                Schemes.DPOP);
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
     * Answers 401 with the RFC 6750 or RFC 9449 challenges: without an error code when there were no credentials
     * (section 3.1), the error and why otherwise.
     */
    void refuse(HttpServletResponse response, String realm) throws IOException {
        if (outcome == Outcome.VERIFIED) {
            throw new IllegalStateException("A verified token is no refusal");
        }
        BearerChallenges.write(response, challenges(realm), error == null ? "unauthorized" : error, description);
    }

    /**
     * The challenges of the refusal, for a response whose body the container writes: Bearer, DPoP, or both when the
     * server takes both and the request chose neither.
     */
    List<String> challenges(String realm) {
        String bearer = BearerChallenges.challenge(realm, error, description);
        String dpop = BearerChallenges.dpopChallenge(realm, DpopProofs.algorithms(), error, description);
        return switch (schemes) {
            case BEARER -> List.of(bearer);
            case DPOP -> List.of(dpop);
            case BOTH -> List.of(bearer, dpop);
        };
    }
}
