package dev.tokencookie.auth.control;

import dev.tokencookie.settings.control.AuthSettings;
import dev.tokencookie.settings.control.IdentitySettings;
import dev.tokencookie.shared.control.Causes;
import dev.tokencookie.shared.control.DatabaseFailures;
import dev.tokencookie.shared.control.TemporarilyUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import java.util.Locale;
import java.util.Optional;
import javax.naming.AuthenticationException;
import javax.naming.CommunicationException;
import javax.naming.NamingException;
import javax.naming.ServiceUnavailableException;
import javax.naming.TimeLimitExceededException;

/**
 * Delegates the password check to where {@code auth.identity.source} says the users are (a team's own IdentityStore
 * beans, Jakarta Security's built-in database or LDAP store, or the server's own users), so this module holds no user
 * data.
 */
@ApplicationScoped
public class IdentityStoreCredentialCheck implements CredentialCheck {

    /**
     * The characters that change an LDAP filter or DN (RFC 4515, RFC 4514), which Jakarta Security's LDAP store puts
     * into both without escaping: a name holding one could sign in as someone it is not.
     */
    private static final String LDAP_SPECIALS = "*()\\\0,=+<>#;\"";

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    ContainerUsers containerUsers;

    @Inject
    AuthSettings settings;

    private final RefusalTiming timing = new RefusalTiming();

    @Override
    public Optional<Caller> check(String username, String password) {
        // An empty password is an unauthenticated bind, which some directories accept as a success.
        if (username.isEmpty() || password.isEmpty() || username.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        String name = username;
        if (settings.identity().source() == IdentitySettings.Source.LDAP) {
            if (!username.equals(username.strip()) || username.chars().anyMatch(c -> LDAP_SPECIALS.indexOf(c) >= 0)) {
                return Optional.empty();
            }
            // A directory matches names regardless of case and the store reports the name as typed: one spelling per
            // person, or "ERIN" would be a second caller whose sessions erin could neither see nor end.
            name = username.toLowerCase(Locale.ROOT);
        }
        long start = System.nanoTime();
        CredentialValidationResult result = settings.identity().source() == IdentitySettings.Source.CONTAINER
                ? containerUsers.validate(name, password) : validate(name, password);
        boolean valid = result.getStatus() == CredentialValidationResult.Status.VALID;
        if (settings.identity().source() != IdentitySettings.Source.APPLICATION) {
            // The application's own stores keep their own timing (the drop-in WAR's hash a dummy for unknown users).
            evenOut(valid, System.nanoTime() - start);
        }
        if (!valid) {
            return Optional.empty();
        }
        return Optional.of(new Caller(result.getCallerPrincipal().getName(), result.getCallerGroups()));
    }

    private CredentialValidationResult validate(String username, String password) {
        try {
            return identityStores.validate(new UsernamePasswordCredential(username, password));
        } catch (RuntimeException e) {
            if (isUnreachable(e)) {
                throw new TemporarilyUnavailableException("The identity store ("
                        + settings.identity().source().value() + ") did not answer", e);
            }
            throw e;
        }
    }

    /**
     * Whether the store failed because its directory or database cannot answer now: a refused or lost connection, the
     * searcher's refused bind, a database the boundary would call away. The built-in stores wrap these in exception
     * types of their implementation's, so the cause says. Other failures (a bad search base, bad SQL) are defects.
     */
    static boolean isUnreachable(Throwable failure) {
        return DatabaseFailures.isTransient(failure) || Causes.chain(failure).stream()
                .anyMatch(t -> t instanceof CommunicationException || t instanceof ServiceUnavailableException
                        || t instanceof AuthenticationException || t instanceof TimeLimitExceededException
                        || isLostDirectory(t));
    }

    /**
     * Java 17's LDAP client reports a directory that never answered within its read timeout (a {@code jndi.properties}
     * setting), or that dropped the connection mid-request, as a bare NamingException: no subtype, only the JDK's own
     * message, tells these apart (later JDKs throw a CommunicationException).
     */
    private static boolean isLostDirectory(Throwable t) {
        return t.getClass() == NamingException.class && t.getMessage() != null
                && (t.getMessage().startsWith("LDAP response read timed out")
                        || t.getMessage().startsWith("LDAP connection has been closed"));
    }

    private void evenOut(boolean valid, long nanos) {
        if (valid) {
            timing.accepted(nanos);
            return;
        }
        long wait = timing.remainingNanos(nanos);
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
