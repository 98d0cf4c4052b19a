package dev.tokencookie.accesstoken.control;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Optional;
import org.jose4j.jws.AlgorithmIdentifiers;

/**
 * The JWS algorithms a team may choose for access tokens, with the JDK key types behind them.
 */
public enum SigningAlgorithm {
    RS256(AlgorithmIdentifiers.RSA_USING_SHA256, "RSA"),
    ES256(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, "EC"),
    EDDSA(AlgorithmIdentifiers.EDDSA, "Ed25519");

    static final int RSA_BITS = 2048;

    private final String joseName;
    private final String keyType;

    SigningAlgorithm(String joseName, String keyType) {
        this.joseName = joseName;
        this.keyType = keyType;
    }

    /** The name in a token's alg header: RS256, ES256, EdDSA. */
    public String joseName() {
        return joseName;
    }

    public static Optional<SigningAlgorithm> byJoseName(String name) {
        return Arrays.stream(values()).filter(a -> a.joseName.equals(name)).findFirst();
    }

    KeyPairGenerator keyPairGenerator() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(keyType);
        switch (this) {
            case RS256 -> generator.initialize(RSA_BITS, new SecureRandom());
            case ES256 -> generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            case EDDSA -> {
                // Ed25519 has one key size; the generator needs no parameters.
            }
        }
        return generator;
    }

    KeyFactory keyFactory() throws GeneralSecurityException {
        return KeyFactory.getInstance(keyType);
    }
}
