package dev.tokencookie.auth.boundary;

import dev.tokencookie.accesstoken.control.DpopNonceRequiredException;
import dev.tokencookie.accesstoken.control.DpopProofRejectedException;
import dev.tokencookie.accesstoken.control.DpopProofs;
import dev.tokencookie.problems.boundary.BearerChallenges;
import dev.tokencookie.problems.boundary.JsonErrors;
import dev.tokencookie.settings.control.DpopMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The DPoP proofs of logins and refreshes (RFC 9449 section 5), read as the setting says: ignored when off, taken when
 * allowed, demanded when required; so that the resource's methods ask one question, which key the request proved.
 */
@ApplicationScoped
class LoginProofs {

    static final String HEADER = "DPoP";
    static final String NONCE_HEADER = "DPoP-Nonce";

    @Inject
    DpopProofs proofs;

    /**
     * The thumbprint of the key the request proved, to bind the login to; empty when it sent no proof, or the
     * server binds none.
     *
     * @throws DpopProofRejectedException for a proof that proves nothing for this request, or none where one is
     *         required
     */
    Optional<String> keyOf(HttpServletRequest request) throws DpopProofRejectedException {
        if (proofs.mode() == DpopMode.OFF) {
            return Optional.empty();
        }
        List<String> presented = request.getHeaders(HEADER) == null ? List.of()
                : Collections.list(request.getHeaders(HEADER));
        if (presented.isEmpty()) {
            if (proofs.mode() == DpopMode.REQUIRED) {
                throw new DpopProofRejectedException("A DPoP proof is required");
            }
            return Optional.empty();
        }
        if (presented.size() > 1) {
            throw new DpopProofRejectedException("Only one DPoP proof may be sent");
        }
        return Optional.of(proofs.verify(presented.get(0), proofs.target(request.getMethod(),
                request.getRequestURL().toString(), request.getContextPath(), request.getRequestURI())).thumbprint());
    }

    /**
     * 400 {@code invalid_dpop_proof}, as section 5 answers a token request, or {@code use_dpop_nonce} with the nonce
     * to sign with (section 8): the client should sign a new proof.
     */
    Response refused(DpopProofRejectedException e) {
        Response.ResponseBuilder answer = JsonErrors.response(Response.Status.BAD_REQUEST,
                e instanceof DpopNonceRequiredException ? "use_dpop_nonce" : "invalid_dpop_proof", e.getMessage());
        return withChallenge(withNonce(answer)).build();
    }

    /**
     * {@code WWW-Authenticate: DPoP algs="..."} where the server takes proofs: the refresh that a page sends when it
     * loads is refused before its first login, and so tells the browser client to make a key and sign its login.
     */
    Response.ResponseBuilder withChallenge(Response.ResponseBuilder answer) {
        if (proofs.mode() != DpopMode.OFF) {
            answer.header(BearerChallenges.HEADER, "DPoP algs=\"" + DpopProofs.algorithms() + "\"");
        }
        return answer;
    }

    /** The nonce proofs must carry, on every answer of a login or refresh, when nonces are on. */
    Response.ResponseBuilder withNonce(Response.ResponseBuilder answer) {
        proofs.nonce().ifPresent(nonce -> answer.header(NONCE_HEADER, nonce));
        return answer;
    }
}
