package dev.tokencookie.refreshtoken.control;

/**
 * The cryptographic work of one refresh-token rotation, done by the module's own code and nothing else: the hash of the
 * presented token, a new token, the successor sealed under the presented one, and the successor's hash. The
 * benchmarks add a signature to it for the floor under a refresh.
 */
public final class RotationWork {

    private RotationWork() {
    }

    /** One rotation's hashing, of a token as a client presents it; answers something so nothing is optimised away. */
    public static int rotate(String presented) {
        String presentedHash = OpaqueTokens.hash(presented);
        String successor = OpaqueTokens.newToken();
        String seal = SuccessorSeal.seal(successor, presented);
        return presentedHash.length() + seal.length() + OpaqueTokens.hash(successor).length();
    }

    /** A token as the module makes them. */
    public static String newToken() {
        return OpaqueTokens.newToken();
    }
}
