package dev.tokencookie.refreshtoken.control;

import java.nio.charset.StandardCharsets;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwa.AlgorithmConstraints.ConstraintType;
import org.jose4j.jwe.ContentEncryptionAlgorithmIdentifiers;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwe.KeyManagementAlgorithmIdentifiers;
import org.jose4j.jwe.kdf.ConcatKeyDerivationFunction;
import org.jose4j.lang.JoseException;

/**
 * Seals a successor refresh token under a key derived from its parent token, so that only whoever presents the parent
 * again can get the same successor back; the database, which never sees the parent, holds nothing usable.
 */
final class SuccessorSeal {

    private static final String SHA_256 = "SHA-256";
    private static final int KEY_BITS = 256;
    // Separates this key from the token's stored SHA-256 hash and from any other use of the token.
    private static final byte[] PURPOSE = "token-cookie-auth refresh-token successor v1"
            .getBytes(StandardCharsets.US_ASCII);

    private SuccessorSeal() {
    }

    /** A compact JWE (dir, A256GCM) of the successor. */
    static String seal(String successor, String parent) {
        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setAlgorithmHeaderValue(KeyManagementAlgorithmIdentifiers.DIRECT);
        jwe.setEncryptionMethodHeaderParameter(ContentEncryptionAlgorithmIdentifiers.AES_256_GCM);
        jwe.setKey(keyFrom(parent));
        jwe.setPlaintext(successor);
        try {
            return jwe.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot seal a successor token", e);
        }
    }

    /**
     * The successor sealed with {@link #seal}. The caller found the seal under the parent's own hash, so a seal that
     * does not open with the parent is a defect (or tampering in the database), never a client's mistake.
     */
    static String unseal(String sealed, String parent) {
        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setAlgorithmConstraints(new AlgorithmConstraints(ConstraintType.PERMIT,
                KeyManagementAlgorithmIdentifiers.DIRECT));
        jwe.setContentEncryptionAlgorithmConstraints(new AlgorithmConstraints(ConstraintType.PERMIT,
                ContentEncryptionAlgorithmIdentifiers.AES_256_GCM));
        try {
            jwe.setCompactSerialization(sealed);
            jwe.setKey(keyFrom(parent));
            return jwe.getPlaintextString();
        } catch (JoseException e) {
            throw new IllegalStateException("A sealed successor does not open with its parent", e);
        }
    }

    private static SecretKeySpec keyFrom(String parent) {
        byte[] secret = parent.getBytes(StandardCharsets.US_ASCII);
        byte[] key = new ConcatKeyDerivationFunction(SHA_256).kdf(secret, KEY_BITS, PURPOSE);
        return new SecretKeySpec(key, "AES");
    }
}
