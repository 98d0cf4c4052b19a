package dev.tokencookie.operations.control;

import java.util.Optional;

/**
 * Something broken that only a restart repairs, such as a background task that has died: the liveness probe asks each
 * one, so that the platform restarts the node. Never an outage of something outside the node, which a restart cannot
 * fix (that is {@link ReadinessCondition}'s).
 */
public interface LivenessCondition {

    /** The name of the check's entry in the probe's data. */
    String name();

    /** What is broken, without a secret; empty when alive. Must not block. */
    Optional<String> problem();
}
