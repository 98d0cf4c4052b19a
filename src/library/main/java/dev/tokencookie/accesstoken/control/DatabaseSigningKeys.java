package dev.tokencookie.accesstoken.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The default key source: keys kept in the module's database and rotated there, so that a restart or a second node
 * changes nothing for the tokens already issued, and no node has a key of its own.
 *
 * <p>What was read is used until the rotation's next change or for {@link KeyRotation#RECHECK}, whichever comes
 * first; then one caller reads again, adding or removing keys when they are due, while every other caller goes on
 * with the keys read before, so a slow database never holds up token checks.
 */
public class DatabaseSigningKeys implements SigningKeySource {

    private static final Logger LOG = Logger.getLogger(DatabaseSigningKeys.class.getName());
    /** After a failed first read, requests fail at once for this long instead of queueing for the database. */
    static final Duration FIRST_READ_RETRY = Duration.ofSeconds(2);

    private final SigningKeyStore store;
    private final KeyRotation rotation;
    private final Clock clock;
    private final KeyRingChanges changes;
    private final ReentrantLock reading = new ReentrantLock();

    /** What a read found: the stored keys, the plan made from them, and until when that plan holds. */
    private record KeyRing(List<ScheduledKey> stored, KeyRotation.Plan plan, Instant validUntil) {
    }

    private volatile KeyRing ring;
    private volatile Instant firstReadFailedAt;

    public DatabaseSigningKeys(SigningKeyStore store, KeyRotation rotation, Clock clock) {
        this(store, rotation, clock, KeyRingChanges.NONE);
    }

    public DatabaseSigningKeys(SigningKeyStore store, KeyRotation rotation, Clock clock, KeyRingChanges changes) {
        this.store = store;
        this.rotation = rotation;
        this.clock = clock;
        this.changes = changes;
    }

    @Override
    public SigningKey signingKey() {
        return current().plan().signingKey()
                .orElseThrow(() -> new IllegalStateException("No signing key is active"));
    }

    @Override
    public Optional<SigningKey> verificationKey(String keyId) {
        return current().plan().published().stream().filter(key -> key.keyId().equals(keyId)).findFirst();
    }

    @Override
    public List<SigningKey> publishedKeys() {
        return current().plan().published();
    }

    private KeyRing current() {
        KeyRing known = ring;
        if (known != null) {
            // One caller reads again; the others use what was read before rather than wait for the database.
            if (clock.instant().isBefore(known.validUntil()) || !reading.tryLock()) {
                return known;
            }
            try {
                if (ring == known) {
                    ring = reread(known);
                }
                return ring;
            } finally {
                reading.unlock();
            }
        }
        reading.lock();
        try {
            if (ring == null) {
                ring = firstRead();
            }
            return ring;
        } finally {
            reading.unlock();
        }
    }

    private KeyRing firstRead() {
        Instant now = clock.instant();
        Instant failed = firstReadFailedAt;
        if (failed != null && now.isBefore(failed.plus(FIRST_READ_RETRY))) {
            throw new IllegalStateException("The signing keys could not be read from the database");
        }
        try {
            KeyRing read = read(now);
            firstReadFailedAt = null;
            return read;
        } catch (RuntimeException e) {
            firstReadFailedAt = now;
            throw e;
        }
    }

    private KeyRing reread(KeyRing previous) {
        Instant now = clock.instant();
        try {
            return read(now);
        } catch (RuntimeException e) {
            // The database is away: go on with the keys read before, as their schedule says for this instant, and
            // try again after the recheck interval, not on every call.
            LOG.log(Level.WARNING, "Signing keys not re-read, the ones read before stay in use: " + e.getClass()
                    .getName());
            KeyRotation.Plan replanned = rotation.plan(previous.stored(), now);
            if (replanned.signingKey().isEmpty()) {
                replanned = previous.plan();
            }
            return new KeyRing(previous.stored(), replanned, now.plus(KeyRotation.RECHECK));
        }
    }

    private KeyRing read(Instant now) {
        List<ScheduledKey> stored = store.load();
        KeyRotation.Plan plan = rotation.plan(stored, now);
        if (plan.newKeyActivatesAt().isPresent()) {
            stored = addKey(plan, now);
            plan = rotation.plan(stored, now);
        }
        if (!plan.removable().isEmpty()) {
            removeExpired(plan.removable());
        }
        return new KeyRing(stored, plan, plan.nextCheck());
    }

    private List<ScheduledKey> addKey(KeyRotation.Plan plan, Instant now) {
        SigningKey key = GeneratedSigningKeys.newKey(rotation.algorithm());
        Instant activatesAt = plan.newKeyActivatesAt().orElseThrow();
        try {
            store.add(key, plan.nextGeneration(), now, activatesAt);
            LOG.info(() -> "Signing key added: " + key + ", generation " + plan.nextGeneration() + ", signs from "
                    + activatesAt);
            // The store commits in a transaction of its own: the key is there for every node now.
            announce(() -> changes.added(key));
        } catch (RuntimeException e) {
            // Another node may have added this generation first; its key does as well as ours.
            List<ScheduledKey> reread = store.load();
            if (rotation.plan(reread, now).newKeyActivatesAt().isPresent()) {
                throw e;
            }
            return reread;
        }
        return store.load();
    }

    /** A listener's failure must not fail the read that made the change, nor make it be made again. */
    private static void announce(Runnable announcement) {
        try {
            announcement.run();
        } catch (RuntimeException e) {
            LOG.warning(() -> "A key-ring change was not announced: " + e.getClass().getName());
        }
    }

    private void removeExpired(List<String> keyIds) {
        try {
            store.remove(keyIds);
            LOG.info(() -> "Signing keys removed, every token they signed has expired: " + keyIds);
            announce(() -> changes.removed(keyIds));
        } catch (RuntimeException e) {
            // Left for the next read: an expired key in the JWKS harms nobody, as its tokens have expired too.
            LOG.log(Level.WARNING, "Expired signing keys not removed yet: " + e.getClass().getName());
        }
    }
}
