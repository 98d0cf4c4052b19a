package dev.tokencookie.auth.boundary;

import dev.tokencookie.accesstoken.control.DpopProofRejectedException;
import dev.tokencookie.accesstoken.control.DpopProofs;
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

    /** 400 {@code invalid_dpop_proof}, as section 5 answers a token request: the client should sign a new proof. */
    static Response refused(DpopProofRejectedException e) {
        return JsonErrors.response(Response.Status.BAD_REQUEST, "invalid_dpop_proof", e.getMessage()).build();
    }
}
