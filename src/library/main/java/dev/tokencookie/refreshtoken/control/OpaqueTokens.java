package dev.tokencookie.refreshtoken.control;

import dev.tokencookie.shared.control.Sha256;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes refresh-token values (256 random bits, base64url) and the SHA-256 hashes under which they are stored.
 */
final class OpaqueTokens {

    static final int BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private OpaqueTokens() {
    }

    static String newToken() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    /** A 256-bit random secret needs no salt or slow hash: nobody can guess it back from its hash. */
    static String hash(String token) {
        return Sha256.base64url(token);
    }
}
