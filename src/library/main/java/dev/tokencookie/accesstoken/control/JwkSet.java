package dev.tokencookie.accesstoken.control;

import java.util.List;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.Use;
import org.jose4j.lang.JoseException;

/**
 * Writes published keys as an RFC 7517 JWK Set, so that the JWT library stays with the key classes and the resource
 * that serves the set needs none of it.
 */
public final class JwkSet {

    private JwkSet() {
    }

    /** The public halves only, each with its kid, its alg and use "sig". */
    public static String json(List<SigningKey> keys) {
        try {
            JsonWebKeySet set = new JsonWebKeySet();
            for (SigningKey key : keys) {
                PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key.publicKey());
                jwk.setKeyId(key.keyId());
                jwk.setAlgorithm(key.algorithm());
                jwk.setUse(Use.SIGNATURE);
                set.addJsonWebKey(jwk);
            }
            // PUBLIC_ONLY: whatever the key objects hold, no private part can reach the output.
            return set.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (JoseException e) {
            // Only a key of a type jose4j cannot write, which the key sources never hold: a defect.
            throw new IllegalStateException("Cannot write the JWK Set", e);
        }
    }
}
