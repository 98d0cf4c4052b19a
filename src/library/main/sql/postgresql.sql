-- The module's tables on PostgreSQL, for DBAs who create schemas themselves: the same tables and indexes that JPA
-- schema generation makes from the entities (RefreshSession, RefreshToken, RefreshSeal, StoredSigningKey,
-- LoginWindow).
-- PostgresRefreshTokenLifecycleTest and PostgresLoginThrottleTest run on exactly this file, with schema generation off.

-- The sessions, in the table named when they were called refresh-token families (FAMILY_ID below is a session id).
CREATE TABLE AUTH_REFRESH_FAMILY (
    ID            VARCHAR(36)   NOT NULL PRIMARY KEY,
    USERNAME      VARCHAR(255)  NOT NULL,
    GROUPS_JSON   VARCHAR(4000) NOT NULL,
    USER_AGENT    VARCHAR(255),
    CREATED_AT    BIGINT        NOT NULL,  -- epoch milliseconds, as every instant here
    LAST_USED_AT  BIGINT        NOT NULL,
    EXPIRES_AT    BIGINT        NOT NULL,  -- absolute end of the login
    REVOKED_AT    BIGINT,
    DPOP_JKT      VARCHAR(64)             -- RFC 7638 thumbprint of the key a DPoP-bound login proves; NULL: bearer
);
-- The sessions list and "log out everywhere" look up by user; the purge finds dead sessions by their two ends.
CREATE INDEX AUTH_REFRESH_FAMILY_USER ON AUTH_REFRESH_FAMILY (USERNAME);
CREATE INDEX AUTH_REFRESH_FAMILY_EXPIRES ON AUTH_REFRESH_FAMILY (EXPIRES_AT);
CREATE INDEX AUTH_REFRESH_FAMILY_LAST_USED ON AUTH_REFRESH_FAMILY (LAST_USED_AT);
CREATE INDEX AUTH_REFRESH_FAMILY_REVOKED ON AUTH_REFRESH_FAMILY (REVOKED_AT) WHERE REVOKED_AT IS NOT NULL;

CREATE TABLE AUTH_REFRESH_TOKEN (
    ID                VARCHAR(36)  NOT NULL PRIMARY KEY,
    TOKEN_HASH        VARCHAR(64)  NOT NULL,  -- SHA-256 of the token, base64url; never the token
    FAMILY_ID         VARCHAR(36)  NOT NULL,
    ISSUED_AT         BIGINT       NOT NULL,
    STATE             VARCHAR(16)  NOT NULL,  -- ACTIVE or CONSUMED
    CONSUMED_AT       BIGINT                  -- by the database's clock, which measures the reuse leeway
);
-- Every refresh looks a token up by its hash; the purge deletes a session's tokens. No foreign key to the session:
-- the purge deletes a session first (the lock order of a rotation), then its tokens.
CREATE UNIQUE INDEX AUTH_REFRESH_TOKEN_HASH ON AUTH_REFRESH_TOKEN (TOKEN_HASH);
CREATE INDEX AUTH_REFRESH_TOKEN_FAMILY ON AUTH_REFRESH_TOKEN (FAMILY_ID);

-- A consumed token's successor, for the reuse leeway only: every two seconds every node deletes the rows whose
-- leeway ended more than 10 seconds ago (a rotation under way may still read them), so the table holds only the
-- refreshes of the leeway and some seconds more.
CREATE TABLE AUTH_REFRESH_SEAL (
    TOKEN_ID          VARCHAR(36)  NOT NULL PRIMARY KEY,  -- the consumed token
    SEALED_SUCCESSOR  VARCHAR(512) NOT NULL,              -- JWE that only the consumed token opens
    EXPIRES_AT        BIGINT       NOT NULL               -- end of the leeway, by the database's clock, epoch ms
);
CREATE INDEX AUTH_REFRESH_SEAL_EXPIRES ON AUTH_REFRESH_SEAL (EXPIRES_AT);

-- The access tokens' signing keys, shared by every node and kept across restarts. The private key is PKCS #8 in
-- base64: grant this table to the application's user only.
CREATE TABLE AUTH_SIGNING_KEY (
    KID          VARCHAR(64)   NOT NULL PRIMARY KEY,  -- RFC 7638 thumbprint of the public key
    ALGORITHM    VARCHAR(16)   NOT NULL,
    PUBLIC_KEY   VARCHAR(2048) NOT NULL,              -- X.509 SubjectPublicKeyInfo, base64
    PRIVATE_KEY  VARCHAR(4096) NOT NULL,              -- PKCS #8, base64
    GENERATION   BIGINT        NOT NULL UNIQUE,       -- one per rotation: two nodes rotating at once add one key
    CREATED_AT   BIGINT        NOT NULL,              -- published in the JWKS from, epoch ms
    ACTIVATES_AT BIGINT        NOT NULL               -- signs from, epoch ms
);

-- The login throttle's failed-login counts, shared by every node so that spreading guesses over nodes gains nothing.
CREATE TABLE AUTH_LOGIN_WINDOW (
    THROTTLE_KEY  VARCHAR(64)  NOT NULL PRIMARY KEY,  -- "u:" or "a:" and the SHA-256 of the username or address, base64
    WINDOW_START  BIGINT       NOT NULL,              -- the window's first attempt (a row at zero: when cleared), ms
    ATTEMPTS      INTEGER      NOT NULL
);
-- Every node deletes the windows that have ended.
CREATE INDEX AUTH_LOGIN_WINDOW_START ON AUTH_LOGIN_WINDOW (WINDOW_START);
