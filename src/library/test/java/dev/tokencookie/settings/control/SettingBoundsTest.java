package dev.tokencookie.settings.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The bounds written beside each setting are the ones the reader enforces: a value one step past either end fails the
 * deployment naming the setting and the range, and each end itself is accepted where no other setting forbids it.
 */
class SettingBoundsTest {

    private static AuthSettings read(Setting setting, String value) {
        Map<String, String> params = new HashMap<>(Map.of(setting.key(), value));
        if (setting.key().startsWith("auth.identity.ldap.")) {
            // A setting of the LDAP source is read only when that source is chosen, which needs its directory.
            params.putAll(Map.of("auth.identity.source", "ldap", "auth.identity.ldap.url", "ldap://localhost:389",
                    "auth.identity.ldap.caller-search-base", "ou=people,dc=example,dc=com"));
        }
        return new SettingsReader(params::get, Map.of(), Map.of()).read();
    }

    @ParameterizedTest
    @EnumSource(Setting.class)
    void aValuePastEitherBoundFailsNamingTheSetting(Setting setting) {
        if (setting.bounds() instanceof Setting.DurationBounds bounds) {
            for (Duration outside : new Duration[] {bounds.min().minusSeconds(1), bounds.max().plusSeconds(1)}) {
                InvalidSettingException refused = assertThrows(InvalidSettingException.class,
                        () -> read(setting, outside.toString()), setting + "=" + outside);
                assertTrue(refused.getMessage().startsWith("Invalid setting " + setting.key() + "="),
                        refused.getMessage());
                assertTrue(refused.getMessage().endsWith("must be between " + bounds.min() + " and " + bounds.max()),
                        refused.getMessage());
            }
        } else if (setting.bounds() instanceof Setting.NumberBounds bounds) {
            for (long outside : new long[] {bounds.min() - 1L, bounds.max() + 1L}) {
                InvalidSettingException refused = assertThrows(InvalidSettingException.class,
                        () -> read(setting, String.valueOf(outside)), setting + "=" + outside);
                assertTrue(refused.getMessage().endsWith("must be a whole number from " + bounds.min() + " to "
                        + bounds.max()), refused.getMessage());
            }
        }
    }

    @Test
    void theIdleLifeIsBoundedByTheWholeLifeInForce() {
        for (String outside : new String[] {"PT0S", "P15D"}) {
            InvalidSettingException refused = assertThrows(InvalidSettingException.class,
                    () -> read(Setting.REFRESH_TOKEN_IDLE_TTL, outside));
            assertTrue(refused.getMessage().endsWith("must be between PT1S and PT336H"), refused.getMessage());
        }
        assertEquals(Duration.ofDays(14), read(Setting.REFRESH_TOKEN_IDLE_TTL, "P14D").refreshToken().idleTtl());
    }

    @Test
    void theEndsOfTheBoundsAreAccepted() {
        assertEquals(Duration.ofSeconds(1), read(Setting.ACCESS_TOKEN_TTL, "PT1S").accessToken().ttl());
        assertEquals(Duration.ZERO, read(Setting.REUSE_LEEWAY, "PT0S").refreshToken().reuseLeeway());
        assertEquals(Duration.ofMinutes(1), read(Setting.REUSE_LEEWAY, "PT1M").refreshToken().reuseLeeway());
        assertEquals(Duration.ofMinutes(5), read(Setting.CLOCK_SKEW, "PT5M").clockSkew());
        assertEquals(0, read(Setting.ACCESS_TOKEN_CACHE_SIZE, "0").accessToken().cacheSize());
        assertEquals(1_000_000, read(Setting.LOGIN_MAX_FAILURES, "1000000").login().maxFailures());
        assertEquals(Duration.ofDays(366), read(Setting.REFRESH_TOKEN_TTL, "P366D").refreshToken().ttl());
    }

    @Test
    void everyDefaultLiesWithinItsBounds() {
        for (Setting setting : Setting.values()) {
            if (setting.bounds() instanceof Setting.DurationBounds bounds) {
                Duration value = Duration.parse(setting.defaultValue());
                assertTrue(value.compareTo(bounds.min()) >= 0 && value.compareTo(bounds.max()) <= 0, setting.key());
            } else if (setting.bounds() instanceof Setting.NumberBounds bounds) {
                int value = Integer.parseInt(setting.defaultValue());
                assertTrue(value >= bounds.min() && value <= bounds.max(), setting.key());
            }
        }
    }
}
