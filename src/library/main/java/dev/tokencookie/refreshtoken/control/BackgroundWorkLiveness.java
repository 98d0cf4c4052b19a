package dev.tokencookie.refreshtoken.control;

import dev.tokencookie.operations.control.BackgroundReadiness;
import dev.tokencookie.operations.control.LivenessCondition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The module's background work stops only on an error the task did not survive (such as running out of memory); then
 * this node would accept revoked logins' tokens, or let its token table grow, for ever, and only a restart starts the
 * work again.
 */
@ApplicationScoped
public class BackgroundWorkLiveness implements LivenessCondition {

    @Inject
    RevokedSessions revokedSessions;

    @Inject
    RefreshTokenPurge purge;

    @Inject
    Instance<BackgroundReadiness> checks;

    @Override
    public String name() {
        return "background-work";
    }

    @Override
    public Optional<String> problem() {
        if (!revokedSessions.isPolling()) {
            return Optional.of("the poll of revoked logins has stopped");
        }
        if (!purge.isRunning()) {
            return Optional.of("the purge of ended logins has stopped");
        }
        for (BackgroundReadiness check : checks) {
            if (!check.isRunning()) {
                return Optional.of("the " + check.name() + " check has stopped");
            }
        }
        return Optional.empty();
    }
}
