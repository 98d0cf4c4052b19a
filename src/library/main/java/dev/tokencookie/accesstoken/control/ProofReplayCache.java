package dev.tokencookie.accesstoken.control;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The proofs this node has taken while they could still be taken, so that each is taken once here (RFC 9449 section
 * 11.1). Kept by the second of their iat: a proof is looked up in one bucket, and a whole bucket is forgotten once no
 * proof of that second would pass the iat check any more.
 */
final class ProofReplayCache {

    /**
     * About 150 bytes each: 75 MB at most. At the default window (a minute, and the skew on both sides) that is over
     * 4,000 proofs a second, sustained, on one node.
     */
    static final int CAPACITY = 500_000;

    /** Too many proofs at once: refused rather than forgotten early, which would let a replay through. */
    static final class FullException extends Exception {
        FullException() {
            super("The DPoP replay cache is full", null, false, false);
        }
    }

    private record Key(String thumbprint, String jti) {
    }

    private final ConcurrentSkipListMap<Long, Set<Key>> byIssuedAt = new ConcurrentSkipListMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;

    ProofReplayCache(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Remembers a proof, telling whether it is new here.
     *
     * @param oldestAccepted the earliest iat, in epoch seconds, that the iat check still lets through
     * @throws FullException when the node already remembers its capacity of live proofs
     */
    boolean firstUse(String thumbprint, String jti, long issuedAt, long oldestAccepted) throws FullException {
        forgetBefore(oldestAccepted);
        if (size.get() >= capacity) {
            throw new FullException();
        }
        if (!byIssuedAt.computeIfAbsent(issuedAt, second -> ConcurrentHashMap.newKeySet())
                .add(new Key(thumbprint, jti))) {
            return false;
        }
        size.incrementAndGet();
        return true;
    }

    private void forgetBefore(long oldestAccepted) {
        ConcurrentNavigableMap<Long, Set<Key>> old = byIssuedAt.headMap(oldestAccepted, false);
        for (Map.Entry<Long, Set<Key>> bucket; (bucket = old.pollFirstEntry()) != null;) {
            size.addAndGet(-bucket.getValue().size());
        }
    }

    int size() {
        return size.get();
    }
}
