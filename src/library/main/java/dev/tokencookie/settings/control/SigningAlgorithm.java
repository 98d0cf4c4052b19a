package dev.tokencookie.settings.control;

import java.util.Arrays;
import java.util.Optional;

/**
 * The JWS algorithms a team may choose for access tokens, parsed once with the other settings so that no component
 * compares algorithm names; the key classes make the keys for it.
 */
public enum SigningAlgorithm {
    RS256("RS256", "RSA"),
    ES256("ES256", "EC"),
    EDDSA("EdDSA", "Ed25519");

    private final String joseName;
    private final String keyType;

    SigningAlgorithm(String joseName, String keyType) {
        this.joseName = joseName;
        this.keyType = keyType;
    }

    /** The name in a token's alg header (RFC 7518, RFC 8037): RS256, ES256, EdDSA. */
    public String joseName() {
        return joseName;
    }

    /** The JDK's name for the key type: for KeyPairGenerator and KeyFactory. */
    public String keyType() {
        return keyType;
    }

    public static Optional<SigningAlgorithm> byJoseName(String name) {
        return Arrays.stream(values()).filter(a -> a.joseName.equals(name)).findFirst();
    }
}
