package dev.tokencookie.refreshtoken.entity;

/**
 * Where a refresh token is in its life: only an ACTIVE one can be exchanged.
 */
public enum RefreshTokenState {
    ACTIVE, CONSUMED, REVOKED
}
