package dev.tokencookie.accesstoken.boundary;

import dev.tokencookie.accesstoken.control.VerifiedToken;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * The verified access token of the current request, for injection into resources that need more than the principal.
 */
@RequestScoped
public class CurrentToken {

    private VerifiedToken token;

    void set(VerifiedToken token) {
        this.token = token;
    }

    /** Empty on URLs that the filter does not protect. */
    public Optional<VerifiedToken> get() {
        return Optional.ofNullable(token);
    }
}
