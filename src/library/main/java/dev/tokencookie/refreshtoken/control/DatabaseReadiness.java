package dev.tokencookie.refreshtoken.control;

import dev.tokencookie.operations.control.BackgroundReadiness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Without its database a node can neither log anyone in nor refresh: it is not ready while the database's last answer
 * failed or took longer than {@link BackgroundReadiness#LIMIT}.
 */
@ApplicationScoped
public class DatabaseReadiness extends BackgroundReadiness {

    @Inject
    Sessions sessions;

    @Override
    public String name() {
        return "database";
    }

    @Override
    protected String what() {
        return "the database";
    }

    @Override
    protected void check() {
        sessions.ping();
    }
}
