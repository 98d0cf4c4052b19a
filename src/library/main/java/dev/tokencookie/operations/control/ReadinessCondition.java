package dev.tokencookie.operations.control;

import java.util.Optional;

/**
 * Something without which this node should get no traffic, as the component that owns it knows: the readiness probe
 * asks each one, so that it depends on none of them. An implementation is an {@code @ApplicationScoped} bean; one
 * whose check may block extends {@link BackgroundReadiness}.
 */
public interface ReadinessCondition {

    /** The name of the check's entry in the probe's data. */
    String name();

    /**
     * What is wrong now, in words for the ops engineer with no secret and no connection string; empty when ready. It
     * must not block: the probe calls it on the server's thread and waits for it.
     */
    Optional<String> problem();
}
