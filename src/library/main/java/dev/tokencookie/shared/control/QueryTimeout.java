package dev.tokencookie.shared.control;

/**
 * The one bound on every statement this library sends, so that a database that hangs holds up one login or one key
 * reader for this long at most, and fails the background queries (which log it) instead of stalling them.
 */
public final class QueryTimeout {

    /** The standard JPA hint, which EclipseLink and Hibernate both honour. */
    public static final String HINT = "jakarta.persistence.query.timeout";

    public static final int MILLIS = 5000;

    private QueryTimeout() {
    }
}
