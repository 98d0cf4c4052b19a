package dev.tokencookie.shared.control;

/**
 * The one bound on every named query of this library, so that a database that hangs holds up one login, refresh or
 * key reader for this long at most, and fails the background queries (which log it) instead of stalling them.
 *
 * <p>Each {@code @NamedQuery} carries it as a hint, never a call: EclipseLink prepares a named query's SQL once, but
 * prepares it again on every execution once a hint, a lock mode or a maximum of results is set on the query object.
 * On a refresh that took one request-thread sample in twenty (docs/performance.md).
 */
public final class QueryTimeout {

    /** The standard JPA hint, which EclipseLink and Hibernate both honour. */
    public static final String HINT = "jakarta.persistence.query.timeout";

    /** In milliseconds, as the hint takes it. */
    public static final String VALUE = "5000";

    private QueryTimeout() {
    }
}
