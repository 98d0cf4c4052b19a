package dev.tokencookie.accesstoken.control;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Optional;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.lang.HashUtil;

/**
 * A key source of one RS256 key pair held in memory only, for tests and for generating the keys that the database
 * keeps; not a bean, as its tokens would not survive a restart.
 */
public class GeneratedSigningKeys implements SigningKeySource {

    static final int RSA_BITS = 2048;

    private SigningKey key;

    void generate() {
        key = generateRs256();
    }

    static SigningKey generateRs256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS, new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            String kid = new RsaJsonWebKey((RSAPublicKey) pair.getPublic())
                    .calculateBase64urlEncodedThumbprint(HashUtil.SHA_256);
            return new SigningKey(kid, AlgorithmIdentifiers.RSA_USING_SHA256, pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate an RSA signing key", e);
        }
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
