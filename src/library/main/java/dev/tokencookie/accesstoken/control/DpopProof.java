package dev.tokencookie.accesstoken.control;

/**
 * A proof that passed every check for its request: what remains of it is the key it was signed with, by its RFC 7638
 * SHA-256 thumbprint, which is what a login is bound to and what an access token's {@code cnf.jkt} names.
 */
public record DpopProof(String thumbprint) {
}
