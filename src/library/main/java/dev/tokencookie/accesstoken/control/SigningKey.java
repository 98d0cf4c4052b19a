package dev.tokencookie.accesstoken.control;

import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * A key pair as the token code needs it: the JWS algorithm it is used with and the kid that names it in token headers.
 */
public record SigningKey(String keyId, String algorithm, PrivateKey privateKey, PublicKey publicKey) {

    @Override
    public String toString() {
        // Never print the private key.
        return "SigningKey[kid=" + keyId + ", alg=" + algorithm + "]";
    }
}
