package com.example.shop;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Map;
import java.util.Set;

/** The shop's own users (a team would read them from its directory); the module signs them in with no code. */
@ApplicationScoped
public class ShopUsers implements IdentityStore {

    private static final Map<String, String> PASSWORDS = Map.of("carol", "carol-password-1");

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        String password = PASSWORDS.get(credential.getCaller());
        return password != null && credential.compareTo(credential.getCaller(), password)
                ? new CredentialValidationResult(credential.getCaller(), Set.of("customer"))
                : CredentialValidationResult.INVALID_RESULT;
    }
}
