package dev.tokencookie.shared.control;

/**
 * A service the module depends on (an identity store's directory or database) cannot answer now, so that a retry may
 * succeed: the boundary answers 503 with {@code Retry-After}, never a 500 or a refusal of the credentials.
 */
public class TemporarilyUnavailableException extends RuntimeException {

    /** @param what names the service for the log; never a credential, which the cause must not carry either */
    public TemporarilyUnavailableException(String what, Throwable cause) {
        super(what, cause);
    }
}
