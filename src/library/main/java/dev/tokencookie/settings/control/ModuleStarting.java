package dev.tokencookie.settings.control;

/**
 * The module starting in its application, with its settings read: the parts which must fail the deployment when they
 * cannot start (keys, the verifier, the purge) start on it, whichever way the server starts the application.
 */
public record ModuleStarting(AuthSettings settings) {
}
