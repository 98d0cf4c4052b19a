package dev.tokencookie.settings.control;

import dev.tokencookie.shared.control.Sha256;
import java.security.MessageDigest;

/**
 * The secret a metrics scraper sends, kept so that it is compared in constant time and never printed: the metrics
 * tell an attacker which logins fail and how often, so they are not for everybody.
 */
public final class ScrapeToken {

    /** Shorter than this, a secret could be guessed; longer, it would not fit a header comfortably. */
    static final int MIN_LENGTH = 32;
    static final int MAX_LENGTH = 512;

    private final byte[] digest;

    ScrapeToken(String value) {
        this.digest = Sha256.digest(value);
    }

    /** Whether the presented secret is this one; the comparison takes as long whatever the secret presented. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, Sha256.digest(presented));
    }

    @Override
    public String toString() {
        return "ScrapeToken[hidden]";
    }

    static boolean wellFormed(String value) {
        return value.length() >= MIN_LENGTH && value.length() <= MAX_LENGTH
                && value.chars().allMatch(c -> c > 0x20 && c < 0x7F);
    }
}
