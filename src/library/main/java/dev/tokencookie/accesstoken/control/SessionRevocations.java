package dev.tokencookie.accesstoken.control;

/**
 * What the verifier needs to know of sessions, and no more: whether one has been revoked. The refresh-token component,
 * which owns sessions, implements it, so that this component does not depend on that one.
 */
public interface SessionRevocations {

    /** Whether the session with this id has been revoked, on this node or another, as far as this node knows now. */
    boolean isRevoked(String sessionId);

    /** For a verifier without sessions (benchmarks, tools): nothing is ever revoked. */
    SessionRevocations NONE = sessionId -> false;
}
