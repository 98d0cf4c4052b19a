package dev.tokencookie.settings.control;

import java.util.HashMap;
import java.util.Map;

/**
 * Settings for unit tests: the defaults, with the given web.xml-style overrides, read and validated as in production.
 */
public final class TestSettings {

    private TestSettings() {
    }

    /** @param overrides pairs of setting name and value, e.g. {@code "auth.issuer", "test-issuer"} */
    public static AuthSettings with(String... overrides) {
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < overrides.length; i += 2) {
            params.put(overrides[i], overrides[i + 1]);
        }
        return new SettingsReader(params::get, Map.of(), Map.of()).read();
    }
}
