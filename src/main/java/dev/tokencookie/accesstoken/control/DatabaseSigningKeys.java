package dev.tokencookie.accesstoken.control;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The default key source: keys kept in the module's database and rotated there, so that a restart or a second node
 * changes nothing for the tokens already issued, and no node has a key of its own.
 *
 * <p>What was read is used until the rotation's next change or for {@link KeyRotation#RECHECK}, whichever comes
 * first; then the next caller reads again, adding or removing keys when they are due.
 */
public class DatabaseSigningKeys implements SigningKeySource {

    private static final Logger LOG = Logger.getLogger(DatabaseSigningKeys.class.getName());

    private final SigningKeyStore store;
    private final KeyRotation rotation;
    private final Clock clock;

    private record KeyRing(Optional<SigningKey> signingKey, List<SigningKey> published, Instant validUntil) {
    }

    private volatile KeyRing ring;

    public DatabaseSigningKeys(SigningKeyStore store, KeyRotation rotation, Clock clock) {
        this.store = store;
        this.rotation = rotation;
        this.clock = clock;
    }

    @Override
    public SigningKey signingKey() {
        return current().signingKey().orElseThrow(() -> new IllegalStateException("No signing key is active"));
    }

    @Override
    public Optional<SigningKey> verificationKey(String keyId) {
        return current().published().stream().filter(key -> key.keyId().equals(keyId)).findFirst();
    }

    @Override
    public List<SigningKey> publishedKeys() {
        return current().published();
    }

    private KeyRing current() {
        KeyRing known = ring;
        if (known != null && clock.instant().isBefore(known.validUntil())) {
            return known;
        }
        synchronized (this) {
            Instant now = clock.instant();
            if (ring == null || !now.isBefore(ring.validUntil())) {
                ring = read(now, ring);
            }
            return ring;
        }
    }

    private KeyRing read(Instant now, KeyRing previous) {
        try {
            KeyRotation.Plan plan = rotation.plan(store.load(), now);
            if (plan.newKeyActivatesAt().isPresent()) {
                plan = addKey(plan, now);
            }
            if (!plan.removable().isEmpty()) {
                removeExpired(plan.removable());
            }
            return new KeyRing(plan.signingKey(), plan.published(), plan.nextCheck());
        } catch (RuntimeException e) {
            if (previous == null || previous.signingKey().isEmpty()) {
                throw e;
            }
            // The database is away: keep what was read, and try again after the recheck interval, not on every call.
            LOG.log(Level.WARNING, "Signing keys not re-read, the ones read before stay in use: " + e.getClass().getName());
            return new KeyRing(previous.signingKey(), previous.published(), now.plus(KeyRotation.RECHECK));
        }
    }

    private KeyRotation.Plan addKey(KeyRotation.Plan plan, Instant now) {
        SigningKey key = GeneratedSigningKeys.newKey(rotation.algorithm());
        Instant activatesAt = plan.newKeyActivatesAt().orElseThrow();
        try {
            store.add(key, plan.nextGeneration(), now, activatesAt);
            LOG.info(() -> "Signing key added: " + key + ", generation " + plan.nextGeneration() + ", signs from "
                    + activatesAt);
        } catch (RuntimeException e) {
            // Another node may have added this generation first; its key does as well as ours.
            KeyRotation.Plan reread = rotation.plan(store.load(), now);
            if (reread.newKeyActivatesAt().isPresent()) {
                throw e;
            }
            return reread;
        }
        return rotation.plan(store.load(), now);
    }

    private void removeExpired(List<String> keyIds) {
        try {
            store.remove(keyIds);
            LOG.info(() -> "Signing keys removed, every token they signed has expired: " + keyIds);
        } catch (RuntimeException e) {
            // Left for the next read: an expired key in the JWKS harms nobody, as its tokens have expired too.
            LOG.log(Level.WARNING, "Expired signing keys not removed yet: " + e.getClass().getName());
        }
    }
}
