package dev.tokencookie.refreshtoken.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Raises the alarm for a stolen refresh token after the revocation is committed, so that no observer can undo the
 * revocation or hold the session's lock while it sends its mail.
 */
@ApplicationScoped
public class ReuseAlarm {

    private static final Logger LOG = Logger.getLogger(ReuseAlarm.class.getName());

    @Inject
    Event<RefreshTokenReuse> event;

    public void raise(RefreshTokenReuse reuse) {
        LOG.warning(() -> "Refresh-token reuse: revoked session " + reuse.sessionId() + " of user " + reuse.username()
                + ", the used token came from " + reuse.clientAddress());
        try {
            event.fire(reuse);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "An observer of RefreshTokenReuse failed; the session stays revoked", e);
        }
    }
}
