package dev.tokencookie.shared.control;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Walks an exception's causes in one place, so that the components that look for a database failure or report the
 * innermost cause share one walk that cannot loop: a chain whose cause points back into itself ends where it repeats.
 */
public final class Causes {

    private Causes() {
    }

    /** The exception and its causes, outermost first; empty for null. */
    public static List<Throwable> chain(Throwable exception) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = exception; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    /**
     * The innermost cause, which usually says why (a refused connection, a missing column); the exception itself if it
     * has none.
     */
    public static Throwable innermost(Throwable exception) {
        List<Throwable> chain = chain(exception);
        return chain.get(chain.size() - 1);
    }
}
