package dev.tokencookie.auth.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import java.util.Optional;

/**
 * Delegates the password check to the application's Jakarta Security identity stores (database, LDAP or a team's own
 * IdentityStore bean), so this module holds no user data.
 */
@ApplicationScoped
public class IdentityStoreCredentialCheck implements CredentialCheck {

    @Inject
    IdentityStoreHandler identityStores;

    @Override
    public Optional<Caller> check(String username, String password) {
        CredentialValidationResult result = identityStores.validate(new UsernamePasswordCredential(username, password));
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return Optional.empty();
        }
        return Optional.of(new Caller(result.getCallerPrincipal().getName(), result.getCallerGroups()));
    }
}
