package dev.tokencookie.it;

import dev.tokencookie.accesstoken.control.SigningKey;
import dev.tokencookie.accesstoken.control.SigningKeySource;
import dev.tokencookie.settings.control.AuthSettings;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Test-only: signs, with the server's own key, a token that expired ten minutes ago, which no login can produce.
 */
@WebServlet("/test-support/expired-token")
public class TestTokenServlet extends HttpServlet {

    @Inject
    SigningKeySource keys;

    @Inject
    AuthSettings settings;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long now = Instant.now().getEpochSecond();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(settings.issuer());
        claims.setAudience(settings.audience());
        claims.setSubject(TestUsers.ADMIN);
        claims.setClaim("upn", TestUsers.ADMIN);
        claims.setStringListClaim("groups", List.of("user", "admin"));
        claims.setIssuedAt(NumericDate.fromSeconds(now - 900));
        claims.setExpirationTime(NumericDate.fromSeconds(now - 600));
        claims.setGeneratedJwtId();
        SigningKey key = keys.signingKey();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(key.algorithm());
        jws.setKeyIdHeaderValue(key.keyId());
        jws.setHeader("typ", "JWT");
        jws.setKey(key.privateKey());
        response.setContentType("text/plain");
        try {
            response.getWriter().write(jws.getCompactSerialization());
        } catch (JoseException e) {
            throw new IOException(e);
        }
    }
}
