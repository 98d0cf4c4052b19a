package dev.tokencookie.testing;

/**
 * Throws a checked exception from a method that does not declare it, as a server's {@code @Transactional} interceptor
 * may throw its commit's {@code RollbackException} through a bean's proxy.
 */
public final class Undeclared {

    private Undeclared() {
    }

    /** Never returns; declared to return an exception so that a caller can write {@code throw Undeclared.raise(e)}. */
    public static RuntimeException raise(Exception checked) {
        throw Undeclared.<RuntimeException>cast(checked);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> E cast(Exception checked) throws E {
        throw (E) checked;
    }
}
