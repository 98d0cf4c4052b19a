package dev.tokencookie.operations.control;

import dev.tokencookie.settings.control.ModuleStarting;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A readiness condition whose check may block (a database query): it runs in the background from the module's start
 * ({@link PeriodicCheck}), and the probe reads its last result.
 */
public abstract class BackgroundReadiness implements ReadinessCondition {

    /** The longest a check may take; a load balancer's probe waits little longer. */
    public static final Duration LIMIT = Duration.ofSeconds(2);

    private PeriodicCheck check;

    /** The thing checked, as the problems name it ("the database"). */
    protected abstract String what();

    /** The check; it throws when the thing does not answer. */
    protected abstract void check() throws Exception;

    protected void start(@Observes ModuleStarting started) {
        check = new PeriodicCheck(what(), LIMIT, this::check, Clock.systemUTC());
        check.start();
    }

    @PreDestroy
    protected void stop() {
        if (check != null) {
            check.stop();
        }
    }

    @Override
    public Optional<String> problem() {
        return check == null ? Optional.of("the module has not started") : check.problem();
    }

    /** Whether the background check still runs: false once it ended on its own, which only a restart repairs. */
    public boolean isRunning() {
        return check == null || check.isRunning();
    }
}
