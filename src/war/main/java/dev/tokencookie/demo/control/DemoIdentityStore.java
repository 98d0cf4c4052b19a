package dev.tokencookie.demo.control;

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
 * The two demo users of the run mode (alice and bob), present only when {@link DemoUsersExtension} lets this bean in.
 */
@ApplicationScoped
public class DemoIdentityStore implements IdentityStore {

    private record DemoUser(String passwordHash, Set<String> groups) {
    }

    @Inject
    Pbkdf2PasswordHash passwordHash;

    private Map<String, DemoUser> users;
    private String dummyHash;

    @PostConstruct
    void hashPasswords() {
        users = Map.of(
                "alice", new DemoUser(passwordHash.generate("alice-password-1".toCharArray()), Set.of("user", "admin")),
                "bob", new DemoUser(passwordHash.generate("bob-password-1".toCharArray()), Set.of("user")));
        dummyHash = passwordHash.generate("no user has this password".toCharArray());
    }

    /** Found by IdentityStore's default validate(Credential), which dispatches on the credential type. */
    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        DemoUser user = users.get(credential.getCaller());
        // An unknown user costs one hash verification too, so the answer's timing does not reveal who exists.
        boolean matches = passwordHash.verify(credential.getPassword().getValue(),
                user == null ? dummyHash : user.passwordHash());
        return user != null && matches
                ? new CredentialValidationResult(credential.getCaller(), user.groups())
                : CredentialValidationResult.INVALID_RESULT;
    }
}
