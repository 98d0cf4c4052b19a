package dev.tokencookie.accesstoken.control;

import dev.tokencookie.settings.control.SigningAlgorithm;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Optional;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.HashUtil;
import org.jose4j.lang.JoseException;

/**
 * A key source of one key pair held in memory only, for tests and for generating the keys that the database
 * keeps; not a bean, as its tokens would not survive a restart.
 */
public class GeneratedSigningKeys implements SigningKeySource {

    static final int RSA_BITS = 2048;

    private SigningKey key;

    void generate() {
        key = generateRs256();
    }

    void generate(SigningAlgorithm algorithm) {
        key = newKey(algorithm);
    }

    static SigningKey generateRs256() {
        return newKey(SigningAlgorithm.RS256);
    }

    static SigningKey newKey(SigningAlgorithm algorithm) {
        try {
            KeyPair pair = keyPairGenerator(algorithm).generateKeyPair();
            return new SigningKey(thumbprint(pair.getPublic()), algorithm.joseName(), pair.getPrivate(),
                    pair.getPublic());
        } catch (GeneralSecurityException | JoseException e) {
            throw new IllegalStateException("Cannot generate a " + algorithm + " signing key", e);
        }
    }

    private static KeyPairGenerator keyPairGenerator(SigningAlgorithm algorithm) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.keyType());
        switch (algorithm) {
            case RS256 -> generator.initialize(RSA_BITS, new SecureRandom());
            case ES256 -> generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            case EDDSA -> {
                // Ed25519 has one key size; the generator needs no parameters.
            }
        }
        return generator;
    }

    /** The kid: the RFC 7638 thumbprint of the public key, whatever its type. */
    static String thumbprint(PublicKey key) throws JoseException {
        return PublicJsonWebKey.Factory.newPublicJwk(key).calculateBase64urlEncodedThumbprint(HashUtil.SHA_256);
    }

    @Override
    public SigningKey signingKey() {
        return key;
    }

    @Override
    public List<SigningKey> publishedKeys() {
        return List.of(key);
    }

    @Override
    public Optional<SigningKey> verificationKey(String keyId) {
        return key.keyId().equals(keyId) ? Optional.of(key) : Optional.empty();
    }
}
