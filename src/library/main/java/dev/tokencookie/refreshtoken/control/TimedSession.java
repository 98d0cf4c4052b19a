package dev.tokencookie.refreshtoken.control;

import dev.tokencookie.refreshtoken.entity.RefreshSession;
import java.time.Instant;

/**
 * A session as committed now with the database's clock at that moment: what a rotation needs once it holds the
 * session's lock, which a store can read in one statement.
 *
 * @param databaseTime as {@link RefreshTokenStore#databaseTime(String)}
 */
public record TimedSession(RefreshSession session, Instant databaseTime) {
}
