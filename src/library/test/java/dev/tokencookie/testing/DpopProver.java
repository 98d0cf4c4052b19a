package dev.tokencookie.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey.OutputControlLevel;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * A client's DPoP key and the proofs it signs, for tests: the honest proof of RFC 9449, and each way a proof can be
 * spoiled, so that the tables of hostile proofs read as one change per row.
 */
public final class DpopProver {

    private final KeyPair pair;
    private final String algorithm;
    private final PublicJsonWebKey jwk;

    private DpopProver(KeyPair pair, String algorithm) {
        this.pair = pair;
        this.algorithm = algorithm;
        try {
            this.jwk = PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic());
            jwk.setPrivateKey(pair.getPrivate());
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A P-256 key, signing ES256: what the browser client makes by default. */
    public static DpopProver es256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return new DpopProver(generator.generateKeyPair(), "ES256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An Ed25519 key, signing EdDSA. */
    public static DpopProver ed25519() {
        try {
            return new DpopProver(KeyPairGenerator.getInstance("Ed25519").generateKeyPair(), "EdDSA");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The RFC 7638 SHA-256 thumbprint of the public key: what a bound token's cnf.jkt must say. */
    public String thumbprint() {
        return jwk.calculateBase64urlEncodedThumbprint("SHA-256");
    }

    /** An honest proof for a request, to spoil with the methods of {@link Proof} before {@link Proof#sign()}. */
    public Proof proof(String method, String url) {
        return new Proof(method, url);
    }

    /** base64url(SHA-256(token)), as a proof's ath. */
    public static String ath(String accessToken) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(accessToken.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One proof, honest until a method here spoils it. */
    public final class Proof {

        private final JwtClaims claims = new JwtClaims();
        private final Map<String, Object> headers = new LinkedHashMap<>();
        private String alg = algorithm;
        private Key signingKey = pair.getPrivate();
        private boolean privateJwk;

        private Proof(String method, String url) {
            headers.put("typ", "dpop+jwt");
            claims.setJwtId(UUID.randomUUID().toString());
            claims.setStringClaim("htm", method);
            claims.setStringClaim("htu", url);
            claims.setIssuedAt(NumericDate.fromSeconds(Instant.now().getEpochSecond()));
        }

        /** For a request with this access token: ath is its hash. */
        public Proof forToken(String accessToken) {
            claims.setStringClaim("ath", ath(accessToken));
            return this;
        }

        public Proof claim(String name, Object value) {
            claims.setClaim(name, value);
            return this;
        }

        public Proof without(String claim) {
            claims.unsetClaim(claim);
            return this;
        }

        public Proof issuedAt(Instant issuedAt) {
            claims.setIssuedAt(NumericDate.fromSeconds(issuedAt.getEpochSecond()));
            return this;
        }

        public Proof jti(String jti) {
            claims.setJwtId(jti);
            return this;
        }

        /** A protected header beside typ, alg and jwk; a null value removes it. */
        public Proof header(String name, Object value) {
            if (value == null) {
                headers.remove(name);
            } else {
                headers.put(name, value);
            }
            return this;
        }

        /** The jwk header with the private key in it too. */
        public Proof withPrivateJwk() {
            privateJwk = true;
            return this;
        }

        /** Signed with another key and algorithm (HS256 with a shared secret, say), the jwk header unchanged. */
        public Proof signedWith(String alg, Key key) {
            this.alg = alg;
            this.signingKey = key;
            return this;
        }

        /** The public JWK that an honest proof of this key carries. */
        public Map<String, Object> headerJwk() {
            return jwk.toParams(OutputControlLevel.PUBLIC_ONLY);
        }

        /** The compact serialisation. */
        public String sign() {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
            jws.setDoKeyValidation(false);
            jws.setPayload(claims.toJson());
            jws.setAlgorithmHeaderValue(alg);
            headers.forEach((name, value) -> jws.getHeaders().setObjectHeaderValue(name, value));
            if (!headers.containsKey("jwk")) {
                jws.getHeaders().setObjectHeaderValue("jwk", jwk.toParams(privateJwk
                        ? OutputControlLevel.INCLUDE_PRIVATE : OutputControlLevel.PUBLIC_ONLY));
            }
            if (!"none".equals(alg)) {
                jws.setKey(signingKey);
            }
            try {
                return jws.getCompactSerialization();
            } catch (JoseException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
