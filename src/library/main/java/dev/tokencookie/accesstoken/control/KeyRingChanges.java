package dev.tokencookie.accesstoken.control;

import java.util.List;

/**
 * Told of each key this node adds to or takes from the database's key ring, once that change has committed, so that
 * key changes reach the audit trail without the key source knowing of it.
 */
public interface KeyRingChanges {

    /** A new key is stored; it signs from its activation on. */
    void added(SigningKey key);

    /** Keys are out of the JWK Set: every token they signed has expired. */
    void removed(List<String> keyIds);

    /** For a key source without an audience (tests, tools). */
    KeyRingChanges NONE = new KeyRingChanges() {
        @Override
        public void added(SigningKey key) {
        }

        @Override
        public void removed(List<String> keyIds) {
        }
    };
}
