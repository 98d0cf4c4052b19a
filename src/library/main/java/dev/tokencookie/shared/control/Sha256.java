package dev.tokencookie.shared.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The one place that hashes with SHA-256, so that every component keys what it stores (refresh tokens, login windows,
 * verified access tokens) the same way and none repeats the provider look-up and its impossible failure.
 */
public final class Sha256 {

    private static final MessageDigest PROTOTYPE;

    static {
        try {
            PROTOTYPE = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    private Sha256() {
    }

    /**
     * The hash of the text's UTF-8 bytes. UTF-8 maps distinct strings to distinct bytes (US-ASCII would turn every
     * other character into the same "?"); for ASCII text it gives the same bytes as US-ASCII.
     */
    public static byte[] digest(String text) {
        MessageDigest digest;
        try {
            // A clone is far cheaper than a provider look-up, and MessageDigest is not thread-safe.
            digest = (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("The platform's SHA-256 cannot be cloned", e);
        }
        return digest.digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The hash as unpadded base64url: how refresh tokens are stored. */
    public static String base64url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest(text));
    }

    /** The hash as padded base64: how login windows are keyed. */
    public static String base64(String text) {
        return Base64.getEncoder().encodeToString(digest(text));
    }
}
