package dev.tokencookie.refreshtoken.control;

import dev.tokencookie.operations.control.ReadinessCondition;
import dev.tokencookie.settings.control.AuthSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * A node that has not read the revoked logins for twice {@code auth.revocation.propagation} may accept the access
 * tokens of a login ended on another node for longer than the setting promises: it should get no traffic.
 */
@ApplicationScoped
public class RevocationPollReadiness implements ReadinessCondition {

    @Inject
    RevokedSessions revokedSessions;

    @Inject
    AuthSettings settings;

    @Override
    public String name() {
        return "revocations";
    }

    @Override
    public Optional<String> problem() {
        Optional<Duration> age = revokedSessions.pollAge();
        if (age.isEmpty()) {
            return Optional.of("the revoked logins have not been read from the database yet");
        }
        Duration limit = settings.accessToken().revocationPropagation().multipliedBy(2);
        if (age.get().compareTo(limit) > 0) {
            return Optional.of(String.format(Locale.ROOT, "the revoked logins were last read %.1f s ago, more than"
                    + " twice auth.revocation.propagation (%d s)", age.get().toMillis() / 1000.0, limit.getSeconds()));
        }
        return Optional.empty();
    }
}
