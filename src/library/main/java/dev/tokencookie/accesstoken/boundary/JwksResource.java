package dev.tokencookie.accesstoken.boundary;

import dev.tokencookie.accesstoken.control.JwkSet;
import dev.tokencookie.accesstoken.control.KeyRotation;
import dev.tokencookie.accesstoken.control.SigningKeySource;
import dev.tokencookie.endpoints.boundary.CrossOriginEndpoint;
import dev.tokencookie.endpoints.boundary.ModuleEndpoint;
import dev.tokencookie.endpoints.boundary.Preflight;
import dev.tokencookie.settings.control.AuthSettings;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Publishes the public keys of the access tokens as an RFC 7517 JWK Set, so that other services verify tokens on
 * their own (MicroProfile JWT's {@code mp.jwt.verify.publickey.location} can point here).
 */
@ModuleEndpoint
@CrossOriginEndpoint
@Path(ModuleEndpoint.ROOT + "/jwks")
@RequestScoped
public class JwksResource {

    static final String JWK_SET = "application/jwk-set+json";

    @Inject
    SigningKeySource keys;

    @Inject
    AuthSettings settings;

    @GET
    @OpenEndpoint
    @Produces({JWK_SET, MediaType.APPLICATION_JSON})
    public Response jwks() {
        return Response.ok(JwkSet.json(keys.publishedKeys()))
                // s-maxage=0: a shared cache would add its own age on top, past the lead, for clients that ignore Age.
                .header("Cache-Control", "max-age=" + KeyRotation.jwksMaxAge(settings).getSeconds() + ", s-maxage=0")
                .build();
    }

    @OPTIONS
    @OpenEndpoint
    public Response preflight() {
        return Preflight.allowing("GET");
    }
}
