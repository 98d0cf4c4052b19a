package dev.tokencookie.refreshtoken.entity;

/**
 * Whether a refresh token has been exchanged yet; revocation is the family's, not the token's.
 */
public enum RefreshTokenState {
    ACTIVE, CONSUMED
}
