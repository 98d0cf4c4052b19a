package dev.tokencookie.monitoring.boundary;

import dev.tokencookie.operations.control.LivenessCondition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Tells the platform to restart this node when the module is broken in a way only a restart repairs (a background
 * task has died); an outage of the database is no such thing, and leaves it UP.
 */
@Liveness
@ApplicationScoped
public class LivenessProbe implements HealthCheck {

    @Inject
    Instance<LivenessCondition> conditions;

    @Override
    public HealthCheckResponse call() {
        return Probes.answer(ReadinessProbe.NAME, conditions.stream().map(c -> Probes.entry(c.name(), c::problem)));
    }
}
