package dev.tokencookie.it;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/**
 * The identity store a team would bring, reduced to two users: the module must work with it and no code of its own.
 */
@ApplicationScoped
public class TestUsers implements IdentityStore {

    public static final String ADMIN = "ada";
    public static final String ADMIN_PASSWORD = "ada-password-1";
    public static final String USER = "ben";
    public static final String USER_PASSWORD = "ben-password-1";
    public static final String OTHER_USER = "cy";
    public static final String OTHER_USER_PASSWORD = "cy-password-1";

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        if (credential.compareTo(ADMIN, ADMIN_PASSWORD)) {
            return new CredentialValidationResult(ADMIN, Set.of("user", "admin"));
        }
        if (credential.compareTo(USER, USER_PASSWORD)) {
            return new CredentialValidationResult(USER, Set.of("user"));
        }
        if (credential.compareTo(OTHER_USER, OTHER_USER_PASSWORD)) {
            return new CredentialValidationResult(OTHER_USER, Set.of("user"));
        }
        return CredentialValidationResult.INVALID_RESULT;
    }
}
