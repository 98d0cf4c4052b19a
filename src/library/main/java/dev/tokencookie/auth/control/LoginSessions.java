package dev.tokencookie.auth.control;

import dev.tokencookie.refreshtoken.control.IssuedRefreshToken;
import dev.tokencookie.refreshtoken.control.RefreshTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * Starts the session of a login whose password was right and resets the throttle's count in one transaction, where
 * they took two: a connection, its validation and a commit fewer per login. The reset comes last, so that its row
 * locks are held for the reset and the commit only, as {@link LoginWindows} keeps them; a session that cannot be
 * stored leaves the attempt counted, as a failed check would.
 */
@ApplicationScoped
@Transactional
public class LoginSessions {

    @Inject
    LoginThrottle throttle;

    @Inject
    RefreshTokens refreshTokens;

    /**
     * @param username as the login sent it, which the throttle counted
     * @param address the client's, which the throttle counted
     * @param boundKey the thumbprint of the key the login's DPoP proof was signed with; empty without a proof
     */
    public IssuedRefreshToken start(String username, String address, Caller caller, String userAgent,
            Optional<String> boundKey) {
        IssuedRefreshToken session = refreshTokens.startSession(caller.name(), caller.groups(), userAgent, boundKey);
        throttle.succeeded(username, address);
        return session;
    }
}
