package dev.tokencookie.operations.control;

/** Why a request's access token was refused, as the metrics count it. */
public enum TokenRefusal {
    MISSING("missing"),
    EXPIRED("expired"),
    /** Its login was logged out, revoked or caught reusing a refresh token. */
    SESSION_ENDED("session_ended"),
    /** Malformed, forged, of an unknown key or another issuer or audience, or bound and sent as a bearer token. */
    INVALID("invalid"),
    /** A bound token without a DPoP proof, or with one that proves nothing for this request and token. */
    INVALID_PROOF("invalid_proof");

    private final String label;

    TokenRefusal(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
