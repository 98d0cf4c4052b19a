package dev.tokencookie.accesstoken.boundary;

import dev.tokencookie.accesstoken.control.AccessTokenVerifier;
import dev.tokencookie.accesstoken.control.DpopProofs;
import dev.tokencookie.operations.control.AuthMetrics;
import dev.tokencookie.problems.boundary.BearerChallenges;
import dev.tokencookie.settings.control.AuthSettings;
import dev.tokencookie.settings.control.IdentitySettings;
import dev.tokencookie.shared.control.ContainerLogin;
import jakarta.inject.Inject;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.auth.message.callback.PasswordValidationCallback;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;

/**
 * Tells the container who calls, from the bearer access token, so that what asks the container (EJB
 * {@code @RolesAllowed}, Jakarta Security's {@code SecurityContext}, web.xml security constraints) knows the caller as
 * the filter's servlet and JAX-RS views do. It verifies with the one verifier, once per request ({@link BearerCheck}),
 * and refuses on URLs that web.xml protects with the filter's RFC 6750 challenges.
 *
 * <p>Not a bean by itself: an application has at most one mechanism, so it opts in with a bean of its own that extends
 * this one, as the drop-in WAR does ({@code DropInBearerMechanism}).
 */
public class BearerTokenMechanism implements HttpAuthenticationMechanism {

    /** Set on the request when the container accepted the password of a {@link ContainerLogin}. */
    private static final String PASSWORD_ACCEPTED = BearerTokenMechanism.class.getName() + ".passwordAccepted";

    @Inject
    AccessTokenVerifier verifier;

    @Inject
    DpopProofs proofs;

    @Inject
    AuthSettings settings;

    @Inject
    AuthMetrics metrics;

    @Inject
    SecurityContext securityContext;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        if (context.isAuthenticationRequest()
                && context.getAuthParameters().getCredential() instanceof UsernamePasswordCredential password) {
            return askTheContainer(request, context, password);
        }
        if (settings.identity().source() == IdentitySettings.Source.CONTAINER) {
            offerContainerLogin(request, response);
        }
        BearerCheck check = BearerCheck.of(request, verifier, proofs);
        if (check.outcome() == BearerCheck.Outcome.VERIFIED) {
            return context.notifyContainerAboutLogin(check.token().name(), check.token().groups());
        }
        if (!context.isProtected() || check.outcome() == BearerCheck.Outcome.ABSENT
                && BearerTokenFilter.isCorsPreflight(request)) {
            // An open URL, or one the filter guards: the filter, where it runs, gives the same answer from the check.
            // A preflight never carries credentials, on a protected URL either.
            return context.doNothing();
        }
        // The container's own 401 (its error page as the body): a mechanism that writes a body and fails leaves
        // WildFly to log an error over the committed response on every refusal. The challenge is the filter's.
        metrics.accessTokenRefused(check.refusal());
        BearerChallenges.setChallenges(response, check.challenges(settings.realm()));
        proofs.nonce().ifPresent(nonce -> response.setHeader(BearerCheck.NONCE_HEADER, nonce));
        return context.responseUnauthorized();
    }

    /** Only the container identity source's logins use it: no other request pays for it. */
    private void offerContainerLogin(HttpServletRequest request, HttpServletResponse response) {
        request.setAttribute(ContainerLogin.ATTRIBUTE, (ContainerLogin) (name, secret) -> {
            // Only the password check of this very call counts: Jakarta Authentication reports a check that
            // established no one as a success, and the request may have had a caller already (a bearer token).
            request.removeAttribute(PASSWORD_ACCEPTED);
            AuthenticationStatus status = securityContext.authenticate(request, response, AuthenticationParameters
                    .withParams().newAuthentication(true).credential(new UsernamePasswordCredential(name, secret)));
            return status == AuthenticationStatus.SUCCESS
                    && Boolean.TRUE.equals(request.getAttribute(PASSWORD_ACCEPTED));
        });
    }

    /**
     * The container identity source's login ({@link ContainerLogin}): the container checks the password against its
     * own users (Jakarta Authentication's PasswordValidationCallback) and, when it is right, makes that user the
     * caller, with the groups its realm gives.
     */
    private static AuthenticationStatus askTheContainer(HttpServletRequest request, HttpMessageContext context,
            UsernamePasswordCredential password) {
        Subject caller = context.getClientSubject();
        PasswordValidationCallback callback = new PasswordValidationCallback(caller, password.getCaller(),
                password.getPassword().getValue());
        try {
            context.getHandler().handle(new Callback[] {callback});
            if (callback.getResult()) {
                request.setAttribute(PASSWORD_ACCEPTED, Boolean.TRUE);
                // Jakarta Authentication's order: the caller after its password, so the container makes it the caller
                // with the groups its realm gives.
                context.getHandler().handle(new Callback[] {new CallerPrincipalCallback(caller,
                        password.getCaller())});
            }
        } catch (IOException | UnsupportedCallbackException e) {
            throw new IllegalStateException("The container could not check a password", e);
        } finally {
            callback.clearPassword();
        }
        return callback.getResult() ? AuthenticationStatus.SUCCESS : AuthenticationStatus.NOT_DONE;
    }
}
