package dev.tokencookie.accesstoken.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import dev.tokencookie.settings.control.AuthSettings;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The default key source: keys kept in the module's database, so a restart or a second node changes nothing for the
 * tokens already issued; all nodes sign with the oldest stored key of the configured algorithm.
 */
@ApplicationScoped
public class DatabaseSigningKeys implements SigningKeySource {

    private static final Logger LOG = Logger.getLogger(DatabaseSigningKeys.class.getName());

    @Inject
    SigningKeyStore store;

    @Inject
    AuthSettings settings;

    /** An unknown kid reloads the keys at most this often, so hostile tokens cannot drive database reads. */
    static final long RELOAD_INTERVAL_MILLIS = 10_000;

    private volatile List<SigningKey> keys;
    private volatile long lastReload;

    void loadAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        try {
            keys();
        } catch (RuntimeException e) {
            // The database may be down while the server starts; the first token to sign or verify tries again.
            LOG.log(Level.WARNING, "Signing keys not loaded at startup: " + e.getClass().getName());
        }
    }

    private List<SigningKey> keys() {
        List<SigningKey> loaded = keys;
        if (loaded == null) {
            synchronized (this) {
                if (keys == null) {
                    keys = store.loadOrCreate(algorithm());
                    LOG.info(() -> "Signing keys loaded: " + keys);
                }
                loaded = keys;
            }
        }
        return loaded;
    }

    @Override
    public SigningKey signingKey() {
        String algorithm = settings.signingAlgorithm();
        return keys().stream().filter(key -> key.algorithm().equals(algorithm)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No stored key for " + algorithm));
    }

    private SigningAlgorithm algorithm() {
        return SigningAlgorithm.byJoseName(settings.signingAlgorithm()).orElseThrow();
    }

    @Override
    public Optional<SigningKey> verificationKey(String keyId) {
        Optional<SigningKey> known = find(keys(), keyId);
        if (known.isPresent()) {
            return known;
        }
        // Another node may have stored a key since this one loaded (two first starts at once, say).
        synchronized (this) {
            long now = System.currentTimeMillis();
            if (now - lastReload < RELOAD_INTERVAL_MILLIS) {
                return find(keys, keyId);
            }
            lastReload = now;
            keys = store.loadOrCreate(algorithm());
            return find(keys, keyId);
        }
    }

    private static Optional<SigningKey> find(List<SigningKey> keys, String keyId) {
        return keys.stream().filter(key -> key.keyId().equals(keyId)).findFirst();
    }

    @Override
    public List<SigningKey> publishedKeys() {
        return keys();
    }
}
