package dev.tokencookie.refreshtoken.entity;

/**
 * Whether a refresh token has been exchanged yet; revocation is the session's, not the token's.
 */
public enum RefreshTokenState {
    ACTIVE, CONSUMED
}
