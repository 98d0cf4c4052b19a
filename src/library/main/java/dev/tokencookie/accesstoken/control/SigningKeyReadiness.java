package dev.tokencookie.accesstoken.control;

import dev.tokencookie.operations.control.BackgroundReadiness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A node without a signing key answers every login with an error: it is not ready while the key source has none. Keys
 * kept in the database are read, and made when due, by the check itself, so a node gets its key as soon as the
 * database answers, without waiting for a login.
 */
@ApplicationScoped
public class SigningKeyReadiness extends BackgroundReadiness {

    @Inject
    SigningKeySource keys;

    @Override
    public String name() {
        return "signing-key";
    }

    @Override
    protected String what() {
        return "the signing key";
    }

    @Override
    protected void check() {
        keys.signingKey();
    }
}
