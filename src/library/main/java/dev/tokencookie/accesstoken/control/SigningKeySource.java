package dev.tokencookie.accesstoken.control;

import java.util.List;
import java.util.Optional;

/**
 * Where access-token keys come from; a team replaces the default with an {@code @Alternative} bean of this type.
 */
public interface SigningKeySource {

    /** The key that signs new tokens. */
    SigningKey signingKey();

    /** A key that tokens may be verified with, by its kid; empty when no such key is trusted. */
    Optional<SigningKey> verificationKey(String keyId);

    /** Every key that other services should trust now, for the JWKS: only their public parts are ever published. */
    List<SigningKey> publishedKeys();
}
