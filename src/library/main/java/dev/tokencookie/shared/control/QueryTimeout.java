package dev.tokencookie.shared.control;

import java.time.Duration;

/**
 * The one bound on each statement of this library's named queries, so that a statement waiting on a lock that a stuck
 * transaction holds gives up after this long (a 503 at the boundary), and background queries fail (and log it) instead
 * of stalling. Inserts, finds and the commit are not queries and have no such bound.
 *
 * <p>Each {@code @NamedQuery} carries it as a hint, not a call (only the readiness probe sets a shorter one on its
 * query): EclipseLink prepares a named query's SQL once, but prepares it again on every execution once a hint, a lock
 * mode or a maximum of results is set on the query object. On a refresh that took one request-thread sample in twenty
 * (docs/performance-runs.md). {@code QueryTimeoutTest} checks that every named query carries it.
 */
public final class QueryTimeout {

    /** The standard JPA hint, which EclipseLink and Hibernate both honour. */
    public static final String HINT = "jakarta.persistence.query.timeout";

    /** In milliseconds, as the hint takes it. */
    public static final String VALUE = "5000";

    /** The same bound, for code that must outlast a statement that waits for it (the seals' sweep). */
    public static final Duration BOUND = Duration.ofMillis(Long.parseLong(VALUE));

    private QueryTimeout() {
    }
}
