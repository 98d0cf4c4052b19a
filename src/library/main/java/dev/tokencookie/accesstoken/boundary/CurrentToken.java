package dev.tokencookie.accesstoken.boundary;

import dev.tokencookie.accesstoken.control.VerifiedToken;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * The verified access token of the current request, for injection into resources that need more than the principal.
 */
@RequestScoped
public class CurrentToken {

    /** The request attribute under which the filter leaves the verified token. */
    static final String ATTRIBUTE = VerifiedToken.class.getName();

    @Inject
    HttpServletRequest request;

    /** Empty on URLs that the filter does not protect. */
    public Optional<VerifiedToken> get() {
        return of(request);
    }

    /** The same without CDI, for a servlet or a hot resource method that has the request at hand. */
    public static Optional<VerifiedToken> of(ServletRequest request) {
        return Optional.ofNullable((VerifiedToken) request.getAttribute(ATTRIBUTE));
    }
}
