package dev.tokencookie.refreshtoken.control;

import dev.tokencookie.refreshtoken.entity.RefreshSession;
import dev.tokencookie.refreshtoken.entity.RefreshToken;
import java.time.Instant;

/**
 * A presented token with its session and the database's clock: what a rotation or a logout reads before it takes the
 * session's lock, which a store can read in one statement. Of the session only what a login fixes is worth anything
 * here (its user, groups, bound key and absolute end); whether it is still alive, the lock's conditional update
 * decides.
 *
 * @param databaseTime as {@link RefreshTokenStore#databaseTime(String)}
 */
public record TimedToken(RefreshToken token, RefreshSession session, Instant databaseTime) {
}
