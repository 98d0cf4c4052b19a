package dev.tokencookie.settings.control;

/**
 * Fired once the settings are read at application start, so that the parts which must fail the deployment when they
 * cannot start (keys, the verifier, the purge) start then, whichever way the server starts the application.
 */
public record SettingsRead(AuthSettings settings) {
}
