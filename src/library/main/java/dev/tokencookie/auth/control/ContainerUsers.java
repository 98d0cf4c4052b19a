package dev.tokencookie.auth.control;

import dev.tokencookie.settings.control.AuthSettings;
import dev.tokencookie.shared.control.ContainerLogin;
import dev.tokencookie.shared.control.TemporarilyUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Asks the server whether a name and password belong to one of its own users (the Payara realm or the WildFly security
 * domain the application uses), through the application's authentication mechanism or the Servlet API's programmatic
 * login, so that a team's existing users sign in without code and the module holds no user data.
 */
@ApplicationScoped
class ContainerUsers {

    @Inject
    HttpServletRequest request;

    @Inject
    AuthSettings settings;

    /** The caller and the configured groups it is in; the invalid result for a wrong password or an unknown user. */
    CredentialValidationResult validate(String name, String password) {
        boolean hadSession = request.getSession(false) != null;
        try {
            if (!login(name, password)) {
                return CredentialValidationResult.INVALID_RESULT;
            }
        } catch (ServletException | RuntimeException e) {
            // A realm that cannot reach its directory or database fails the login as a wrong password does; only the
            // cause tells them apart.
            if (IdentityStoreCredentialCheck.isUnreachable(e)) {
                throw new TemporarilyUnavailableException("The server's realm did not answer", e);
            }
            if (e instanceof RuntimeException unexpected) {
                throw unexpected;
            }
            return CredentialValidationResult.INVALID_RESULT;
        }
        try {
            Set<String> groups = settings.identity().container().orElseThrow().groups().stream()
                    .filter(request::isUserInRole).collect(Collectors.toUnmodifiableSet());
            return new CredentialValidationResult(request.getUserPrincipal().getName(), groups);
        } finally {
            // The login proves the password for this one call: the request goes on as the anonymous one it came as.
            logout(hadSession);
        }
    }

    /** Through the application's authentication mechanism where it has one, otherwise the Servlet API's own login. */
    private boolean login(String name, String password) throws ServletException {
        if (request.getAttribute(ContainerLogin.ATTRIBUTE) instanceof ContainerLogin mechanism) {
            // The mechanism names the caller as typed (CallerPrincipalCallback): anyone else is a caller from before.
            return mechanism.login(name, password) && request.getUserPrincipal() != null
                    && request.getUserPrincipal().getName().equals(name);
        }
        request.login(name, password);
        return true;
    }

    /**
     * Ends the login, and the HTTP session the server made to remember it (WildFly does): the module's logins live in
     * its own tokens, and a session cookie would be one more credential for a browser to leak.
     */
    private void logout(boolean hadSession) {
        try {
            request.logout();
        } catch (ServletException e) {
            throw new IllegalStateException("The server could not end the login it had just made", e);
        }
        HttpSession session = request.getSession(false);
        if (!hadSession && session != null) {
            session.invalidate();
        }
    }
}
