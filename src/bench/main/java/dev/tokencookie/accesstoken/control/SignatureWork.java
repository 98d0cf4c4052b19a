package dev.tokencookie.accesstoken.control;

import dev.tokencookie.settings.control.SigningAlgorithm;
import java.security.GeneralSecurityException;
import java.security.Signature;

/**
 * The JDK's own signature and check of an access token's signing input, with a key the module generates for the
 * algorithm: the floor under what issuing (a refresh, a login) and an uncached check cost, with nothing of the module
 * or jose4j in it.
 */
public final class SignatureWork {

    private final SigningKey key;
    private final Signature signer;
    private final Signature checker;

    private SignatureWork(SigningKey key, String jdkName) throws GeneralSecurityException {
        this.key = key;
        this.signer = Signature.getInstance(jdkName);
        this.checker = Signature.getInstance(jdkName);
    }

    /** For RS256, ES256 or EdDSA, by the name a token's alg header gives. */
    public static SignatureWork of(String joseName) throws GeneralSecurityException {
        SigningAlgorithm algorithm = SigningAlgorithm.byJoseName(joseName)
                .orElseThrow(() -> new IllegalArgumentException("No signing algorithm " + joseName));
        String jdkName = switch (algorithm) {
            case RS256 -> "SHA256withRSA";
            // JOSE's ECDSA signature is r and s side by side (RFC 7518), not DER.
            case ES256 -> "SHA256withECDSAinP1363Format";
            case EDDSA -> "Ed25519";
        };
        return new SignatureWork(GeneratedSigningKeys.newKey(algorithm), jdkName);
    }

    public byte[] sign(byte[] input) throws GeneralSecurityException {
        signer.initSign(key.privateKey());
        signer.update(input);
        return signer.sign();
    }

    public boolean verify(byte[] input, byte[] signature) throws GeneralSecurityException {
        checker.initVerify(key.publicKey());
        checker.update(input);
        return checker.verify(signature);
    }
}
