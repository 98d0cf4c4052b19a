package dev.tokencookie.shared.control;

/**
 * Signs a name and password in with the container for the current request, where the application's authentication
 * mechanism stands between them: Payara refuses {@code HttpServletRequest#login} to an application that has one, so the
 * mechanism, which holds the container's callback handler, offers this on each request it sees.
 */
@FunctionalInterface
public interface ContainerLogin {

    /** The request attribute under which the mechanism leaves the request's {@code ContainerLogin}. */
    String ATTRIBUTE = ContainerLogin.class.getName();

    /** Whether the container accepted the password; if so, the request's caller is that user until logout. */
    boolean login(String name, String password);
}
