package dev.tokencookie.accesstoken.control;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server nonces of RFC 9449 section 8, each good on the node that gave it only: a proof signed for this node is
 * refused by every other, so this node's memory of jti values is enough to take each proof once in the whole
 * cluster, and a page's script cannot sign proofs ahead for later. Stateless: a nonce is the node's name, the second
 * it was made and a MAC of both under a key that lives in this node's memory only.
 */
final class DpopNonces {

    private static final int NODE_BYTES = 8;
    private static final int MAC_BYTES = 16;
    private static final int LENGTH = NODE_BYTES + Long.BYTES + MAC_BYTES;
    /** A client is given the same nonce for this long, so that a busy node does not compute one per answer. */
    private static final long RENEWED_EVERY_SECONDS = 10;

    private final byte[] node = new byte[NODE_BYTES];
    private final SecretKeySpec key;
    private final Clock clock;
    private final long acceptedSeconds;
    private volatile Made current;

    private record Made(long second, String nonce) {
    }

    /** @param acceptedSeconds how long after it was made a nonce is taken */
    DpopNonces(Clock clock, long acceptedSeconds) {
        SecureRandom random = new SecureRandom();
        random.nextBytes(node);
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.clock = clock;
        this.acceptedSeconds = acceptedSeconds;
    }

    /** The nonce to give a client now. */
    String current() {
        long now = clock.instant().getEpochSecond();
        Made made = current;
        if (made == null || now - made.second() >= RENEWED_EVERY_SECONDS || now < made.second()) {
            made = new Made(now, make(now));
            current = made;
        }
        return made.nonce();
    }

    /** Whether this node gave the nonce, recently enough. */
    boolean isCurrent(String nonce) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (bytes.length != LENGTH) {
            return false;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long second = buffer.getLong(NODE_BYTES);
        long now = clock.instant().getEpochSecond();
        byte[] expected = Base64.getUrlDecoder().decode(make(second));
        return MessageDigest.isEqual(expected, bytes) && second <= now && now - second <= acceptedSeconds;
    }

    private String make(long second) {
        ByteBuffer signed = ByteBuffer.allocate(NODE_BYTES + Long.BYTES).put(node).putLong(second);
        byte[] mac;
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            mac = hmac.doFinal(signed.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java platform has HmacSHA256", e);
        }
        byte[] nonce = Arrays.copyOf(signed.array(), LENGTH);
        System.arraycopy(mac, 0, nonce, NODE_BYTES + Long.BYTES, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
    }
}
