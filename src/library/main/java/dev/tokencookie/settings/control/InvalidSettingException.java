package dev.tokencookie.settings.control;

/**
 * Fails the deployment when a setting cannot be used, naming the setting so that the operator knows what to fix.
 */
public class InvalidSettingException extends RuntimeException {

    public InvalidSettingException(Setting setting, String value, String expectation) {
        super("Invalid setting " + setting.key() + "='" + (setting.environmentOnly() ? "(hidden)" : value) + "': "
                + expectation);
    }
}
