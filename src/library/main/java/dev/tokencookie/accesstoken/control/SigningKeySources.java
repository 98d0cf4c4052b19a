package dev.tokencookie.accesstoken.control;

import dev.tokencookie.operations.control.AuditTrail;
import dev.tokencookie.operations.control.SecurityEvent;
import dev.tokencookie.operations.control.SecurityEvent.Kind;
import dev.tokencookie.operations.control.SecurityEvent.Outcome;
import dev.tokencookie.settings.control.AuthSettings;
import dev.tokencookie.settings.control.ModuleStarting;
import dev.tokencookie.settings.control.SigningAlgorithm;
import dev.tokencookie.shared.control.Causes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Chooses where the signing keys come from: the team's PKCS12 keystore when one is configured, otherwise the
 * database. A team with yet another source declares an {@code @Alternative} {@link SigningKeySource} of its own.
 */
@ApplicationScoped
public class SigningKeySources {

    private static final Logger LOG = Logger.getLogger(SigningKeySources.class.getName());

    @Inject
    AuthSettings settings;

    @Inject
    SigningKeyStore store;

    @Inject
    AuditTrail audit;

    @Produces
    @ApplicationScoped
    SigningKeySource keys() {
        SigningAlgorithm algorithm = settings.signing().algorithm();
        return settings.signing().keystore()
                .<SigningKeySource>map(keystore -> KeystoreSigningKeys.load(keystore, algorithm))
                .orElseGet(() -> new DatabaseSigningKeys(store, new KeyRotation(settings), Clock.systemUTC(),
                        new AuditedKeyChanges(audit)));
    }

    /** Key changes in the audit trail: the key's id is all it says of a key. */
    private record AuditedKeyChanges(AuditTrail audit) implements KeyRingChanges {

        @Override
        public void added(SigningKey key) {
            audit.record(keyEvent(Kind.KEY_ROTATED, key.keyId()));
        }

        @Override
        public void removed(List<String> keyIds) {
            keyIds.forEach(id -> audit.record(keyEvent(Kind.KEY_PULLED, id)));
        }

        private static SecurityEvent keyEvent(Kind kind, String keyId) {
            return SecurityEvent.of(kind, Outcome.SUCCESS, null, null, null, null).withDetail(keyId);
        }
    }

    void loadAtStartup(@Observes ModuleStarting started, SigningKeySource keys) {
        if (settings.signing().keystore().isPresent()) {
            // A keystore that cannot be read fails the deployment, with the setting named.
            var published = keys.publishedKeys();
            LOG.info(() -> "Signing keys from the keystore: " + published);
            return;
        }
        try {
            var published = keys.publishedKeys();
            LOG.info(() -> "Signing keys from the database: " + published);
        } catch (RuntimeException e) {
            // The database may be down while the server starts; the first token to sign or verify tries again. The
            // innermost cause says why (a refused connection, a missing column): statements are logged without values.
            Throwable cause = Causes.innermost(e);
            LOG.log(Level.WARNING, "Signing keys not loaded at startup: " + e.getClass().getName() + " <- "
                    + cause.getClass().getName() + ": " + cause.getMessage());
        }
    }
}
