package dev.tokencookie.bench;

import dev.tokencookie.it.deployed.TestUsers;
import dev.tokencookie.it.deployed.interop.InteropApplication;
import dev.tokencookie.it.deployed.interop.InteropResource;
import dev.tokencookie.it.support.Api;
import dev.tokencookie.it.support.Deployments;
import dev.tokencookie.it.support.ServerProcess;
import dev.tokencookie.testing.DpopProver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR on Payara Micro over loopback, with PostgreSQL: what the filter costs per request against the same
 * resource unprotected and against Payara's own MicroProfile JWT, what a DPoP proof per request adds to a Bearer token,
 * and what a refresh costs as the token table grows.
 * Everything runs in one process start so that the ratios come from the same machine state.
 *
 * <p>Run by {@code ./mvnw -Pload verify}; {@code -Dbench.round-seconds}, {@code -Dbench.rounds} and
 * {@code -Dbench.clients} change its size. It writes {@code target/load-benchmark.md}.
 */
public final class LoadBenchmark {

    private static final Path DIRECTORY = Path.of("target", "load-benchmark");

    /** The rows that the report compares, by their place in the GET table. */
    private static final int OPEN = 0;
    private static final int CACHED = 1;
    private static final int METRICS_OFF = 5;
    private static final int DPOP_ES256 = 6;
    private static final int DPOP_BEARER = 7;
    private static final int DPOP_EDDSA = 8;

    private LoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Duration round = Duration.ofSeconds(Long.getLong("bench.round-seconds", 10));
        int rounds = Integer.getInteger("bench.rounds", 3);
        int clients = Integer.getInteger("bench.clients", 8);
        recreate(DIRECTORY);
        int port = ServerProcess.freePort();
        Path moduleWar = export(benchWar(Map.of()), "token-cookie-auth.war");
        Path uncachedWar = export(benchWar(Map.of("auth.access-token.cache-size", "0")), "nocache.war");
        Path unmeasuredWar = export(benchWar(Map.of("auth.metrics.enabled", "false")), "nometrics.war");
        Path dpopWar = export(benchWar(Map.of("auth.dpop", "allowed")), "dpop.war");
        Path serviceWar = export(serviceWar(port), "reports.war");

        // zonky turns synchronous_commit off for speed; a production database flushes each commit, so this one does.
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPort(ServerProcess.freePort())
                .setServerConfig("synchronous_commit", "on")
                .setDataDirectory(DIRECTORY.resolve("postgres")).setCleanDataDirectory(true).start()) {
            Map<String, String> environment = Map.of(
                    "AUTH_DB_URL", postgres.getJdbcUrl("postgres", "postgres"),
                    "AUTH_DB_USER", "postgres",
                    "AUTH_DB_PASSWORD", "postgres");
            StringBuilder report = new StringBuilder("# Load benchmark\n\n")
                    .append(Environment.describe()).append('\n');
            try (ServerProcess server = ServerProcess.start(port, DIRECTORY.resolve("data"), moduleWar, environment,
                    uncachedWar + ":/nocache", serviceWar + ":/reports", unmeasuredWar + ":/nometrics",
                    dpopWar + ":/dpop")) {
                URI base = URI.create("http://localhost:" + port + "/");
                report.append(verification(base, server, clients, round, rounds));
                try (Connection database = postgres.getPostgresDatabase().getConnection()) {
                    report.append(new RefreshLoad(server.api(), database).run(16, round, rounds));
                }
            }
            Files.writeString(Path.of("target", "load-benchmark.md"), report);
            System.out.println(report);
        }
    }

    /**
     * GET /api/me, cached, uncached and with metrics off, against the open twin and Payara's MicroProfile JWT, and at
     * {@code /dpop} ({@code auth.dpop=allowed}) with a DPoP-bound token and a proof per request against a Bearer token,
     * in rounds that rotate the order of the targets; besides throughput, the server's own CPU time per request, which
     * the load generator on the same cores does not blur.
     */
    private static String verification(URI base, ServerProcess server, int clients, Duration round, int rounds)
            throws IOException, InterruptedException {
        Api.Reply login = server.api().login(TestUsers.USER, TestUsers.USER_PASSWORD);
        if (login.status() != 200) {
            throw new IllegalStateException("Login failed: " + login.status());
        }
        String token = login.json().getString("access_token");
        // At /dpop: a login with a proof of each key, whose tokens are bound to that key, and one without (Bearer).
        Api dpopApi = new Api(base.resolve("dpop/"));
        DpopProver es256 = DpopProver.es256();
        DpopProver ed25519 = DpopProver.ed25519();
        URI dpopMe = base.resolve("dpop/api/me");
        List<Target> targets = List.of(
                Target.fixed("unprotected twin `/api/bench/open-me`", base.resolve("api/bench/open-me"), token),
                Target.fixed("`/api/me`, filter with cache (default)", base.resolve("api/me"), token),
                Target.fixed("`/api/me`, filter without cache", base.resolve("nocache/api/me"), token),
                Target.fixed("Payara MicroProfile JWT `/reports/api/reports/user`",
                        base.resolve("reports/api/reports/user"), token),
                Target.fixed("the twin behind the filter, with cache, not reading the token `/api/bench/filtered-me`",
                        base.resolve("api/bench/filtered-me"), token),
                Target.fixed("`/api/me`, filter with cache, metrics off (`auth.metrics.enabled=false`)"
                        + " `/nometrics/api/me`", base.resolve("nometrics/api/me"), token),
                // Bearer between the two DPoP rows, so that the rotation never runs them back to back: the server
                // remembers each proof for the proof window and the skew on both sides (2 minutes) and holds 500,000,
                // which the DPoP rows stay under while they average less than about 4,000 requests/s over 2 minutes.
                Target.bound("`/dpop/api/me`, bound token, a DPoP proof (ES256) per request", dpopMe,
                        boundLogin(dpopApi, base, es256), es256, "ES256"),
                Target.fixed("`/dpop/api/me`, bearer token, same deployment", dpopMe, bearerLogin(dpopApi)),
                Target.bound("`/dpop/api/me`, bound token, a DPoP proof (EdDSA) per request", dpopMe,
                        boundLogin(dpopApi, base, ed25519), ed25519, "EdDSA"));

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        StringBuilder sizes = new StringBuilder();
        for (int t = 0; t < targets.size(); t++) {
            Target target = targets.get(t);
            HttpResponse<String> reply = client.send(target.request().get(), HttpResponse.BodyHandlers.ofString());
            int withoutToken = client.send(HttpRequest.newBuilder(target.uri()).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            // The twin must be open and the others closed, or the comparison compares nothing.
            if (reply.statusCode() != 200 || (withoutToken == 200) != (t == OPEN)) {
                throw new IllegalStateException(target.name() + " answered " + reply.statusCode()
                        + " with the token and "
                        + withoutToken + " without");
            }
            sizes.append("- ").append(target.name()).append(": `").append(reply.body()).append("` (")
                    .append(withoutToken)
                    .append(" without a token")
                    .append(target.key() == null ? "" : refusedWithoutProof(client, target))
                    .append(")\n");
        }

        Map<Integer, ClosedLoopLoad.Result> results = new TreeMap<>();
        Map<Integer, Double> cpuSeconds = new TreeMap<>();
        for (int r = 0; r <= rounds; r++) {
            for (int i = 0; i < targets.size(); i++) {
                // Each round starts with another target, so no target always follows the same one's garbage.
                int t = (i + r) % targets.size();
                // A DPoP target's request is new each time: a fresh proof, signed here, in the client's loop.
                Supplier<HttpRequest> request = targets.get(t).request();
                double cpuBefore = ProcessCpu.seconds(server.pid());
                ClosedLoopLoad.Result result = ClosedLoopLoad.run(clients, round, c -> () ->
                        client.send(request.get(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
                double cpu = ProcessCpu.seconds(server.pid()) - cpuBefore;
                if (r > 0) {
                    // Round 0 warms up every target's code paths in both JVMs before anything counts.
                    results.merge(t, result, ClosedLoopLoad.Result::plus);
                    cpuSeconds.merge(t, cpu, Double::sum);
                }
            }
        }
        double open = results.get(OPEN).throughput();
        double openCpu = cpuPerRequest(OPEN, results, cpuSeconds);
        StringBuilder table = new StringBuilder("## GET with a valid token\n\n")
                .append(clients).append(" clients, closed loop, ").append(rounds).append(" rounds of ")
                .append(round.toSeconds()).append(" s per target after one warm-up round, the order of the targets ")
                .append("rotating each round; the same token throughout, and for the DPoP targets a new proof for ")
                .append("each request, which the client signs in its loop. Bodies:\n\n").append(sizes).append('\n')
                .append("| target | requests/s | of unprotected | p50 ms | p99 ms | server CPU µs/request | CPU over ")
                .append("unprotected µs | failed |\n|---|---|---|---|---|---|---|---|\n");
        results.forEach((t, result) -> {
            double cpu = cpuPerRequest(t, results, cpuSeconds);
            table.append(String.format("| %s | %.0f | %.2f | %.2f | %.2f | %.0f | %+.0f | %d |%n",
                    targets.get(t).name(), result.throughput(), result.throughput() / open,
                    result.latencies().getValueAtPercentile(50) / 1000.0,
                    result.latencies().getValueAtPercentile(99) / 1000.0, cpu, cpu - openCpu, result.failed()));
        });
        // Both count requests the same way; the metrics' cost is what one does that the other does not.
        table.append(String.format("%n`/api/me` with metrics over without: **%.2f** requests/s, %+.0f µs server CPU"
                + " per request%n", results.get(CACHED).throughput() / results.get(METRICS_OFF).throughput(),
                cpuPerRequest(CACHED, results, cpuSeconds) - cpuPerRequest(METRICS_OFF, results, cpuSeconds)));
        table.append("\nThe DPoP rows' requests/s and latencies are limited by the load generator, which signs a ")
                .append("proof for every request on the same cores as the server, and their latencies include that ")
                .append("signing; their server CPU µs/request is what compares the server's cost with the Bearer ")
                .append("row.\n\n");
        double bearerCpu = cpuPerRequest(DPOP_BEARER, results, cpuSeconds);
        for (int t : List.of(DPOP_ES256, DPOP_EDDSA)) {
            double dpopCpu = cpuPerRequest(t, results, cpuSeconds);
            table.append(String.format("DPoP over Bearer: server CPU per request %+.0f µs (%.2f times), %s proofs%n",
                    dpopCpu - bearerCpu, dpopCpu / bearerCpu, targets.get(t).key().algorithm()));
        }
        results.forEach((t, result) -> {
            if (result.failed() > 0) {
                table.append(String.format("%n**%d requests failed** at %s.%n", result.failed(),
                        targets.get(t).name()));
            }
        });
        return table.append('\n').toString();
    }

    private static double cpuPerRequest(int target, Map<Integer, ClosedLoopLoad.Result> results,
            Map<Integer, Double> cpuSeconds) {
        return cpuSeconds.get(target) / results.get(target).ok() * 1e6;
    }

    /**
     * One row of the GET table: what each request of it sends, new for each request when a DPoP key signs a proof for
     * it.
     */
    private record Target(String name, URI uri, Supplier<HttpRequest> request, Prover key) {

        /** The same request every time, with the token as a Bearer token. */
        static Target fixed(String name, URI uri, String token) {
            HttpRequest request = get(uri, token);
            return new Target(name, uri, () -> request, null);
        }

        /** A bound token under the DPoP scheme with a new proof each time: new jti, iat now, ath of the token. */
        static Target bound(String name, URI uri, String token, DpopProver key, String algorithm) {
            Prover prover = new Prover(key, algorithm, token, DpopProver.ath(token));
            return new Target(name, uri, () -> prover.request(uri), prover);
        }
    }

    /** A DPoP key with the token bound to it. */
    private record Prover(DpopProver key, String algorithm, String token, String ath) {

        HttpRequest request(URI uri) {
            // The ath is the same for every proof: hashed once here rather than by the client for each request.
            return HttpRequest.newBuilder(uri).header("Authorization", "DPoP " + token)
                    .header("DPoP", key.proof("GET", uri.toString()).claim("ath", ath).sign()).GET().build();
        }
    }

    /**
     * The bound token must pass only with a proof: the row would compare nothing if the server took it as a Bearer
     * token, or took one proof twice.
     */
    private static String refusedWithoutProof(HttpClient client, Target target)
            throws IOException, InterruptedException {
        int asBearer = client.send(get(target.uri(), target.key().token()), HttpResponse.BodyHandlers.discarding())
                .statusCode();
        HttpRequest once = target.request().get();
        int first = client.send(once, HttpResponse.BodyHandlers.discarding()).statusCode();
        int again = client.send(once, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (asBearer == 200 || first != 200 || again == 200) {
            throw new IllegalStateException(target.name() + " answered " + asBearer + " to its token as a Bearer "
                    + "token, and " + first + " then " + again + " to the same proof sent twice");
        }
        return "; " + asBearer + " as a Bearer token; " + again + " to a proof sent a second time";
    }

    /** Signs in at the DPoP deployment with a proof of the key, as the browser client does: a token bound to it. */
    private static String boundLogin(Api api, URI base, DpopProver key) {
        String proof = key.proof("POST", base.resolve("dpop/api/auth/login").toString()).sign();
        Api.Reply login = api.login(TestUsers.USER, TestUsers.USER_PASSWORD, "DPoP", proof);
        if (login.status() != 200 || !"DPoP".equals(login.json().getString("token_type"))) {
            throw new IllegalStateException("DPoP login failed: " + login.status() + " " + login.body());
        }
        return login.json().getString("access_token");
    }

    /** Signs in at the DPoP deployment without a proof: a Bearer token, as a client without DPoP gets. */
    private static String bearerLogin(Api api) {
        Api.Reply login = api.login(TestUsers.USER, TestUsers.USER_PASSWORD);
        if (login.status() != 200 || !"Bearer".equals(login.json().getString("token_type"))) {
            throw new IllegalStateException("Bearer login at /dpop failed: " + login.status() + " " + login.body());
        }
        return login.json().getString("access_token");
    }

    private static HttpRequest get(URI uri, String token) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).GET().build();
    }

    /** The module WAR of the tests, with a long token lifetime, the open twin of /api/me, and settings changed. */
    private static WebArchive benchWar(Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.put("auth.access-token.ttl", "PT1H");
        WebArchive war = Deployments.war(all).addClass(OpenMeResource.class);
        String webXml = new String(readAll(war), java.nio.charset.StandardCharsets.UTF_8)
                .replace("/api/auth/metrics</param-value>", "/api/auth/metrics, /api/bench/open-me</param-value>");
        war.delete("/WEB-INF/web.xml");
        return war.setWebXML(new StringAsset(webXml));
    }

    private static byte[] readAll(WebArchive war) {
        try (var in = war.get("/WEB-INF/web.xml").getAsset().openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The other team's service of MicroProfileJwtIT: Payara's MicroProfile JWT with the module's JWKS. */
    private static WebArchive serviceWar(int port) {
        String config = "mp.jwt.verify.publickey.location=http://localhost:" + port + "/api/auth/jwks\n"
                + "mp.jwt.verify.issuer=token-cookie-auth\n"
                + "mp.jwt.verify.audiences=api\n";
        return ShrinkWrap.create(WebArchive.class, "reports.war")
                .addClasses(InteropApplication.class, InteropResource.class)
                .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties");
    }

    private static Path export(WebArchive war, String name) {
        Path file = DIRECTORY.resolve(name);
        war.as(ZipExporter.class).exportTo(file.toFile(), true);
        return file;
    }

    /** Empties the directory of a benchmark's files, or makes it. */
    static void recreate(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(directory);
    }
}
