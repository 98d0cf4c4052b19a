package dev.tokencookie.it.deployed;

import dev.tokencookie.accesstoken.control.SigningKey;
import dev.tokencookie.accesstoken.control.SigningKeySource;
import dev.tokencookie.settings.control.AuthSettings;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwe.ContentEncryptionAlgorithmIdentifiers;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jwe.KeyManagementAlgorithmIdentifiers;
import org.jose4j.jwk.JsonWebKey.OutputControlLevel;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;

/**
 * Test-only: the table of hostile access tokens (a name and the Authorization header values per row), built inside
 * the server because many need its key to sign a bad header or bad claims genuinely.
 */
@WebServlet("/test-support/hostile-tokens")
public class HostileTokens extends HttpServlet {

    /** The first row: a valid token, which must pass, so that the refusals below are the verifier's doing. */
    public static final String CONTROL = "control: a valid token";
    /** A genuinely signed token that expired beyond the skew: only its exp is wrong. */
    public static final String EXPIRED = "expired beyond the skew";

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    @Inject
    SigningKeySource keys;

    @Inject
    AuthSettings settings;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonArrayBuilder rows = Json.createArrayBuilder();
        try {
            cases().forEach((name, headers) -> rows.add(Json.createObjectBuilder()
                    .add("name", name).add("authorization", Json.createArrayBuilder(headers))));
        } catch (Exception e) {
            throw new IOException(e);
        }
        response.setContentType("application/json");
        response.getWriter().write(rows.build().toString());
    }

    private Map<String, List<String>> cases() throws Exception {
        SigningKey server = keys.signingKey();
        var attacker = KeyPairGenerator.getInstance("RSA");
        attacker.initialize(2048);
        var attackerPair = attacker.generateKeyPair();
        RsaJsonWebKey attackerJwk = new RsaJsonWebKey((RSAPublicKey) attackerPair.getPublic());
        String valid = sign(claims(), server.algorithm(), server.privateKey(), server.keyId(), Map.of());
        String[] parts = valid.split("\\.");
        String header = parts[0];
        String payload = parts[1];
        String signature = parts[2];
        String otherValid = sign(claims(), server.algorithm(), server.privateKey(), server.keyId(), Map.of());
        byte[] pem = ("-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(
                server.publicKey().getEncoded()) + "\n-----END PUBLIC KEY-----\n").getBytes(StandardCharsets.US_ASCII);
        byte[] der = server.publicKey().getEncoded();
        byte[] jwk = new RsaJsonWebKey((RSAPublicKey) server.publicKey()).toJson(OutputControlLevel.PUBLIC_ONLY)
                .getBytes(StandardCharsets.UTF_8);

        Map<String, List<String>> rows = new LinkedHashMap<>();
        rows.put(CONTROL, bearer(valid));
        // alg none, in every spelling, with and without a signature part
        for (String none : List.of("none", "None", "NONE", "nOnE")) {
            String unsigned = b64("{\"alg\":\"" + none + "\",\"typ\":\"JWT\",\"kid\":\"" + server.keyId() + "\"}")
                    + "." + payload;
            rows.put("alg " + none + ", no signature", bearer(unsigned + "."));
            rows.put("alg " + none + ", with a signature", bearer(unsigned + "." + signature));
        }
        // algorithm confusion: HMAC keyed with the server's public key in three forms
        for (String alg : List.of(AlgorithmIdentifiers.HMAC_SHA256, AlgorithmIdentifiers.HMAC_SHA384,
                AlgorithmIdentifiers.HMAC_SHA512)) {
            rows.put(alg + " keyed with the public key as PEM", bearer(hmac(alg, pem, server.keyId())));
            rows.put(alg + " keyed with the public key as DER", bearer(hmac(alg, der, server.keyId())));
            rows.put(alg + " keyed with the public key as JWK", bearer(hmac(alg, jwk, server.keyId())));
        }
        // signatures
        rows.put("empty signature", bearer(header + "." + payload + "."));
        rows.put("signature from another key",
                bearer(sign(claims(), "RS256", attackerPair.getPrivate(), server.keyId(), Map.of())));
        rows.put("signature of another token", bearer(header + "." + otherValid.split("\\.")[1] + "." + signature));
        rows.put("truncated signature", bearer(header + "." + payload + "." + signature.substring(0, 100)));
        rows.put("ES256 (not allowed) with an all-zero signature (CVE-2022-21449)", bearer(b64(
                "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + server.keyId() + "\"}") + "." + payload + "."
                + B64.encodeToString(new byte[64])));
        // header tricks
        rows.put("unknown kid", bearer(sign(claims(), "RS256", server.privateKey(), "no-such-key", Map.of())));
        rows.put("kid with path traversal",
                bearer(sign(claims(), "RS256", server.privateKey(), "../../../../../../etc/passwd", Map.of())));
        rows.put("kid with SQL", bearer(sign(claims(), "RS256", server.privateKey(), "x' OR '1'='1", Map.of())));
        rows.put("jku to an attacker's key set", bearer(sign(claims(), "RS256", attackerPair.getPrivate(),
                server.keyId(), Map.of("jku", "http://127.0.0.1:9/jwks.json"))));
        rows.put("x5u to an attacker's certificate", bearer(sign(claims(), "RS256", attackerPair.getPrivate(),
                server.keyId(), Map.of("x5u", "http://127.0.0.1:9/cert.pem"))));
        rows.put("jwk header with the attacker's key", bearer(sign(claims(), "RS256", attackerPair.getPrivate(),
                server.keyId(), Map.of("jwk", attackerJwk.toParams(OutputControlLevel.PUBLIC_ONLY)))));
        rows.put("x5c header with an attacker's certificate", bearer(sign(claims(), "RS256",
                attackerPair.getPrivate(), server.keyId(), Map.of("x5c", List.of(B64.encodeToString(der))))));
        // The same headers on tokens the server itself signed: refused by the header rule, not by the signature.
        rows.put("jku on a token signed with the server key", bearer(sign(claims(), "RS256", server.privateKey(),
                server.keyId(), Map.of("jku", "http://127.0.0.1:9/jwks.json"))));
        rows.put("x5u on a token signed with the server key", bearer(sign(claims(), "RS256", server.privateKey(),
                server.keyId(), Map.of("x5u", "http://127.0.0.1:9/cert.pem"))));
        rows.put("jwk on a token signed with the server key", bearer(sign(claims(), "RS256", server.privateKey(),
                server.keyId(), Map.of("jwk", attackerJwk.toParams(OutputControlLevel.PUBLIC_ONLY)))));
        rows.put("x5c on a token signed with the server key", bearer(sign(claims(), "RS256", server.privateKey(),
                server.keyId(), Map.of("x5c", List.of(B64.encodeToString(der))))));
        rows.put("zip on a token signed with the server key", bearer(sign(claims(), "RS256", server.privateKey(),
                server.keyId(), Map.of("zip", "DEF"))));
        rows.put("alg named twice in the header", bearer(raw(server,
                "{\"alg\":\"none\",\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + server.keyId() + "\"}",
                claims().toJson())));
        rows.put("RS384 by the server key (not allowed)", bearer(sign(claims(), AlgorithmIdentifiers.RSA_USING_SHA384,
                server.privateKey(), server.keyId(), Map.of())));
        rows.put("PS256 by the server key (not allowed)", bearer(sign(claims(),
                AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
                server.privateKey(), server.keyId(), Map.of())));
        rows.put("crit with an unknown extension", bearer(sign(claims(), "RS256", server.privateKey(),
                server.keyId(), Map.of("crit", List.of("exp-ext"), "exp-ext", 1))));
        rows.put("b64 false (unencoded payload)", bearer(unencoded(server)));
        rows.put("a JWE (five parts) instead of a JWS", bearer(jwe(server)));
        rows.put("typ missing", bearer(raw(server, "{\"alg\":\"RS256\",\"kid\":\"" + server.keyId() + "\"}",
                claims().toJson())));
        // claims
        long now = Instant.now().getEpochSecond();
        // Expired 31 s ago with 30 s of skew, issued within the lifetime: only exp is wrong.
        rows.put(EXPIRED, bearer(signed(server, c -> {
            c.setIssuedAt(NumericDate.fromSeconds(now - 320));
            c.setExpirationTime(NumericDate.fromSeconds(now - 31));
        })));
        rows.put("nbf in the future", bearer(signed(server, c -> c.setNotBefore(NumericDate.fromSeconds(now + 600)))));
        rows.put("iat in the future beyond the skew", bearer(signed(server, c -> {
            c.setIssuedAt(NumericDate.fromSeconds(now + 120));
            c.setExpirationTime(NumericDate.fromSeconds(now + 300));
        })));
        rows.put("exp missing", bearer(signed(server, c -> c.unsetClaim("exp"))));
        rows.put("iss missing", bearer(signed(server, c -> c.unsetClaim("iss"))));
        rows.put("sub missing", bearer(signed(server, c -> c.unsetClaim("sub"))));
        rows.put("wrong iss", bearer(signed(server, c -> c.setIssuer("https://evil.example"))));
        rows.put("wrong aud", bearer(signed(server, c -> c.setAudience("another-api"))));
        rows.put("aud array without ours", bearer(signed(server, c -> c.setAudience("another-api", "third-api"))));
        rows.put("duplicate claim names", bearer(raw(server, jwsHeader(server),
                claims().toJson().replaceFirst("^\\{", "{\"sub\":\"root\","))));
        rows.put("exp as a string", bearer(raw(server, jwsHeader(server),
                claims().toJson().replaceFirst("\"exp\":(\\d+)", "\"exp\":\"$1\""))));
        rows.put("groups as a string", bearer(signed(server, c -> c.setClaim("groups", "admin"))));
        rows.put("groups as numbers", bearer(signed(server, c -> c.setClaim("groups", List.of(1, 2)))));
        rows.put("sid as a number", bearer(signed(server, c -> c.setClaim("sid", 7))));
        // encoding
        rows.put("padding in base64url", bearer(valid + "=="));
        rows.put("'+' and '/' instead of base64url", bearer(header + "." + payload + "."
                + signature.substring(0, 10) + "+/" + signature.substring(12)));
        rows.put("an extra segment", bearer(valid + "." + signature));
        rows.put("a missing segment", bearer(header + "." + payload));
        rows.put("header is not JSON", bearer(raw(server, "not json at all", claims().toJson())));
        rows.put("payload is not JSON", bearer(raw(server, jwsHeader(server), "not json at all")));
        rows.put("whitespace inside the token", bearer(header + ". " + payload + "." + signature));
        // As large as the container lets through (its header block limit is 8 KB): refused by length, before parsing.
        rows.put("a token near 8 KB", bearer(signed(server, c -> c.setClaim("padding", "x".repeat(5200)))));
        rows.put("Basic scheme", List.of("Basic " + Base64.getEncoder().encodeToString(
                (TestUsers.ADMIN + ":" + TestUsers.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8))));
        rows.put("another scheme with a valid token", List.of("Token " + valid));
        rows.put("two Authorization headers", List.of("Bearer " + valid, "Bearer " + valid));
        rows.put("no token after the scheme", List.of("Bearer "));
        return rows;
    }

    /** The valid token the table is built from, so the test can show its harness lets a good token through. */
    private JwtClaims claims() {
        long now = Instant.now().getEpochSecond();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(settings.issuer());
        claims.setAudience(settings.audience());
        claims.setSubject(TestUsers.ADMIN);
        claims.setClaim("upn", TestUsers.ADMIN);
        claims.setStringListClaim("groups", List.of("user", "admin"));
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + 300));
        claims.setGeneratedJwtId();
        return claims;
    }

    private interface ClaimsChange {
        void apply(JwtClaims claims) throws Exception;
    }

    private String signed(SigningKey key, ClaimsChange change) throws Exception {
        JwtClaims claims = claims();
        change.apply(claims);
        return sign(claims, key.algorithm(), key.privateKey(), key.keyId(), Map.of());
    }

    private static String sign(JwtClaims claims, String alg, java.security.Key key, String kid,
            Map<String, Object> headers) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(alg);
        jws.setKeyIdHeaderValue(kid);
        jws.setHeader("typ", "JWT");
        headers.forEach(jws.getHeaders()::setObjectHeaderValue);
        jws.setKey(key);
        jws.setDoKeyValidation(false);
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        return jws.getCompactSerialization();
    }

    private String hmac(String alg, byte[] secret, String kid) throws Exception {
        return sign(claims(), alg, new HmacKey(secret), kid, Map.of());
    }

    private static String jwsHeader(SigningKey key) {
        return "{\"alg\":\"" + key.algorithm() + "\",\"typ\":\"JWT\",\"kid\":\"" + key.keyId() + "\"}";
    }

    /** A genuine RS256 signature by the server's key over whatever header and payload text is given. */
    private static String raw(SigningKey key, String headerJson, String payloadText) throws Exception {
        String input = b64(headerJson) + "." + b64(payloadText);
        var rsa = java.security.Signature.getInstance("SHA256withRSA");
        rsa.initSign(key.privateKey());
        rsa.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + B64.encodeToString(rsa.sign());
    }

    private String unencoded(SigningKey key) throws Exception {
        String payload = claims().toJson();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(payload);
        jws.setAlgorithmHeaderValue(key.algorithm());
        jws.setKeyIdHeaderValue(key.keyId());
        jws.setHeader("typ", "JWT");
        jws.getHeaders().setObjectHeaderValue("b64", false);
        jws.setCriticalHeaderNames("b64");
        jws.setKey(key.privateKey());
        // The signature covers the raw payload; the token carries it base64url-encoded, as a parser might be fooled
        // into.
        return jws.getDetachedContentCompactSerialization().replace("..", "." + b64(payload) + ".");
    }

    private String jwe(SigningKey key) throws Exception {
        JsonWebEncryption jwe = new JsonWebEncryption();
        jwe.setPayload(claims().toJson());
        jwe.setAlgorithmHeaderValue(KeyManagementAlgorithmIdentifiers.RSA_OAEP_256);
        jwe.setEncryptionMethodHeaderParameter(ContentEncryptionAlgorithmIdentifiers.AES_256_GCM);
        jwe.setKeyIdHeaderValue(key.keyId());
        jwe.setKey(key.publicKey());
        return jwe.getCompactSerialization();
    }

    private static String b64(String text) {
        return B64.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> bearer(String token) {
        return List.of("Bearer " + token);
    }
}
