package dev.tokencookie.accesstoken.control;

/**
 * A proof without a nonce of this node, where nonces are on: not a hostile proof, the client signs again with the
 * nonce that the answer carries ({@code use_dpop_nonce}, RFC 9449 section 8).
 */
public class DpopNonceRequiredException extends DpopProofRejectedException {

    public DpopNonceRequiredException() {
        super("A DPoP proof with the server's nonce is required");
    }
}
