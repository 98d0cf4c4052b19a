package dev.tokencookie.bench;

import static dev.tokencookie.shared.control.Jsonp.JSON;

import dev.tokencookie.accesstoken.control.AccessTokenIssuer;
import dev.tokencookie.refreshtoken.control.IssuedRefreshToken;
import dev.tokencookie.refreshtoken.control.RefreshTokenRejectedException;
import dev.tokencookie.refreshtoken.control.RefreshTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.Set;

/**
 * Bench-only: what the server and its platform charge for a refresh's parts that the module does not write, measured
 * rather than sampled. The first endpoint makes a rotation's round trips in plain JDBC ({@link RotationRoundTrips});
 * the second also signs the access token a refresh signs, after the commit as a refresh does; the third runs the
 * module's rotation and signs, without the refresh endpoint around them.
 *
 * <p>Behind the bearer filter, as an application's resource is: the benchmark sends a token the filter has cached (a
 * cache hit costs under a microsecond).
 */
@Path("bench/platform")
@ApplicationScoped
public class PlatformCostResource {

    /** The refresh token of the rotation without the endpoint. */
    static final String REFRESH_HEADER = "X-Bench-Refresh-Token";

    @Inject
    RotationRoundTrips roundTrips;

    @Inject
    AccessTokenIssuer accessTokens;

    @Inject
    RefreshTokens refreshTokens;

    @GET
    @Path("transaction")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject transaction(@QueryParam("client") int client) throws SQLException {
        return JSON.createObjectBuilder().add("read", roundTrips.run(client)).build();
    }

    @GET
    @Path("signed-transaction")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject signedTransaction(@QueryParam("client") int client) throws SQLException {
        long read = roundTrips.run(client);
        return JSON.createObjectBuilder().add("read", read)
                .add("access_token", accessTokens.issue("bench-" + client, Set.of("user"), "bench").token())
                .build();
    }

    /**
     * A rotation as the refresh endpoint runs it (its transaction, EclipseLink, the module's rotation), and the access
     * token, without the endpoint: no cookie, no filters of the module's endpoints, no queue per cookie, no audit line
     * or metrics. The refresh token comes and goes in a header and the body, which only a benchmark may do.
     */
    @GET
    @Path("rotation")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject rotation(@HeaderParam(REFRESH_HEADER) String presented) throws RefreshTokenRejectedException {
        IssuedRefreshToken successor = refreshTokens.rotate(presented, "127.0.0.1");
        return JSON.createObjectBuilder().add("refresh_token", successor.value())
                .add("access_token", accessTokens.issue(successor.username(), successor.groups(),
                        successor.sessionId()).token())
                .build();
    }
}
