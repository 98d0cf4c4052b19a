package dev.tokencookie.accesstoken.control;

/**
 * A DPoP proof that does not prove possession for this request. The message is written for the client's
 * {@code error_description}: it names the rule broken, never the proof's content.
 */
public class DpopProofRejectedException extends Exception {

    public DpopProofRejectedException(String description) {
        super(description);
    }

    DpopProofRejectedException(String description, Throwable cause) {
        super(description, cause);
    }
}
