package dev.tokencookie.auth.control;

import java.util.Set;

/**
 * Who proved their identity at login, and the groups the identity store gave them.
 */
public record Caller(String name, Set<String> groups) {

    public Caller {
        groups = Set.copyOf(groups);
    }
}
