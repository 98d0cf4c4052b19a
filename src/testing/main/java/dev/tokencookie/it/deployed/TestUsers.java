package dev.tokencookie.it.deployed;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;
import java.util.Set;

/**
 * The identity store a team would bring, reduced to three users with hashed passwords: the module must work with it
 * and no code of its own.
 */
@ApplicationScoped
public class TestUsers implements IdentityStore {

    public static final String ADMIN = "ada";
    public static final String ADMIN_PASSWORD = "ada-password-1";
    public static final String USER = "ben";
    public static final String USER_PASSWORD = "ben-password-1";
    public static final String OTHER_USER = "cy";
    public static final String OTHER_USER_PASSWORD = "cy-password-1";

    private record User(String hash, Set<String> groups) {
    }

    @Inject
    Pbkdf2PasswordHash passwordHash;

    private Map<String, User> users;
    private String dummyHash;

    @PostConstruct
    public void hashPasswords() {
        // Costly enough that the hash, not the network, decides the timing of a login, as in production.
        passwordHash.initialize(Map.of("Pbkdf2PasswordHash.Iterations", "20000"));
        users = Map.of(
                ADMIN, new User(passwordHash.generate(ADMIN_PASSWORD.toCharArray()), Set.of("user", "admin")),
                USER, new User(passwordHash.generate(USER_PASSWORD.toCharArray()), Set.of("user")),
                OTHER_USER, new User(passwordHash.generate(OTHER_USER_PASSWORD.toCharArray()), Set.of("user")));
        dummyHash = passwordHash.generate("dummy".toCharArray());
    }

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        User user = users.get(credential.getCaller());
        // As a careful store does: an unknown user costs a hash verification too.
        boolean matches = passwordHash.verify(credential.getPassword().getValue(), user == null ? dummyHash : user
                .hash());
        return user != null && matches
                ? new CredentialValidationResult(credential.getCaller(), user.groups())
                : CredentialValidationResult.INVALID_RESULT;
    }
}
