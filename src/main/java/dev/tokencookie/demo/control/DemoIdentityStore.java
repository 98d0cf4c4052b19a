package dev.tokencookie.demo.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;

/**
 * The two demo users of the run mode (alice and bob), present only when {@link DemoUsersExtension} lets this bean in.
 */
@ApplicationScoped
public class DemoIdentityStore implements IdentityStore {

    private record DemoUser(String password, Set<String> groups) {
    }

    private static final Map<String, DemoUser> USERS = Map.of(
            "alice", new DemoUser("alice-password-1", Set.of("user", "admin")),
            "bob", new DemoUser("bob-password-1", Set.of("user")));

    /** Found by IdentityStore's default validate(Credential), which dispatches on the credential type. */
    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        DemoUser user = USERS.get(credential.getCaller());
        if (user == null) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        boolean matches = MessageDigest.isEqual(user.password().getBytes(StandardCharsets.UTF_8),
                credential.getPasswordAsString().getBytes(StandardCharsets.UTF_8));
        return matches ? new CredentialValidationResult(credential.getCaller(), user.groups())
                : CredentialValidationResult.INVALID_RESULT;
    }
}
