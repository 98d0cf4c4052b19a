package dev.tokencookie.bench;

import dev.tokencookie.it.deployed.TestUsers;
import dev.tokencookie.it.deployed.interop.InteropApplication;
import dev.tokencookie.it.deployed.interop.InteropResource;
import dev.tokencookie.it.support.Api;
import dev.tokencookie.it.support.Deployments;
import dev.tokencookie.it.support.ServerProcess;
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
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR on Payara Micro over loopback, with PostgreSQL: what the filter costs per request against the same
 * resource unprotected and against Payara's own MicroProfile JWT, and what a refresh costs as the token table grows.
 * Everything runs in one process start so that the ratios come from the same machine state.
 *
 * <p>Run by {@code ./mvnw -Pload verify}; {@code -Dbench.round-seconds}, {@code -Dbench.rounds} and
 * {@code -Dbench.clients} change its size. It writes {@code target/load-benchmark.md}.
 */
public final class LoadBenchmark {

    private static final Path DIRECTORY = Path.of("target", "load-benchmark");

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
                    uncachedWar + ":/nocache", serviceWar + ":/reports", unmeasuredWar + ":/nometrics")) {
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
     * GET /api/me, cached, uncached and with metrics off, against the open twin and Payara's MicroProfile JWT, in
     * rounds that rotate the order of the targets; besides throughput, the server's own CPU time per request, which
     * the load generator on the same cores does not blur.
     */
    private static String verification(URI base, ServerProcess server, int clients, Duration round, int rounds)
            throws IOException, InterruptedException {
        Api.Reply login = server.api().login(TestUsers.USER, TestUsers.USER_PASSWORD);
        if (login.status() != 200) {
            throw new IllegalStateException("Login failed: " + login.status());
        }
        String token = login.json().getString("access_token");
        List<String> names = List.of("unprotected twin `/api/bench/open-me`", "`/api/me`, filter with cache (default)",
                "`/api/me`, filter without cache", "Payara MicroProfile JWT `/reports/api/reports/user`",
                "the twin behind the filter, with cache, not reading the token `/api/bench/filtered-me`",
                "`/api/me`, filter with cache, metrics off (`auth.metrics.enabled=false`) `/nometrics/api/me`");
        List<URI> uris = List.of(base.resolve("api/bench/open-me"), base.resolve("api/me"),
                base.resolve("nocache/api/me"), base.resolve("reports/api/reports/user"),
                base.resolve("api/bench/filtered-me"), base.resolve("nometrics/api/me"));

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        StringBuilder sizes = new StringBuilder();
        for (int t = 0; t < uris.size(); t++) {
            HttpResponse<String> reply = client.send(get(uris.get(t), token), HttpResponse.BodyHandlers.ofString());
            int withoutToken = client.send(HttpRequest.newBuilder(uris.get(t)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            // The twin must be open and the others closed, or the comparison compares nothing.
            if (reply.statusCode() != 200 || (withoutToken == 200) != (t == 0)) {
                throw new IllegalStateException(names.get(t) + " answered " + reply.statusCode()
                        + " with the token and "
                        + withoutToken + " without");
            }
            sizes.append("- ").append(names.get(t)).append(": `").append(reply.body()).append("` (")
                    .append(withoutToken)
                    .append(" without a token)\n");
        }

        Map<Integer, ClosedLoopLoad.Result> results = new TreeMap<>();
        Map<Integer, Double> cpuSeconds = new TreeMap<>();
        for (int r = 0; r <= rounds; r++) {
            for (int i = 0; i < uris.size(); i++) {
                // Each round starts with another target, so no target always follows the same one's garbage.
                int t = (i + r) % uris.size();
                HttpRequest request = get(uris.get(t), token);
                double cpuBefore = ServerCpu.seconds(server.pid());
                ClosedLoopLoad.Result result = ClosedLoopLoad.run(clients, round, c -> () ->
                        client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
                double cpu = ServerCpu.seconds(server.pid()) - cpuBefore;
                if (r > 0) {
                    // Round 0 warms up every target's code paths in both JVMs before anything counts.
                    results.merge(t, result, ClosedLoopLoad.Result::plus);
                    cpuSeconds.merge(t, cpu, Double::sum);
                }
            }
        }
        double open = results.get(0).throughput();
        double openCpu = cpuSeconds.get(0) / results.get(0).ok() * 1e6;
        StringBuilder table = new StringBuilder("## GET with a valid token\n\n")
                .append(clients).append(" clients, closed loop, ").append(rounds).append(" rounds of ")
                .append(round.toSeconds()).append(" s per target after one warm-up round, the order of the targets ")
                .append("rotating each round; the same token throughout. Bodies:\n\n").append(sizes).append('\n')
                .append("| target | requests/s | of unprotected | p50 ms | p99 ms | server CPU µs/request | CPU over ")
                .append("unprotected µs | failed |\n|---|---|---|---|---|---|---|---|\n");
        results.forEach((t, result) -> {
            double cpu = cpuSeconds.get(t) / result.ok() * 1e6;
            table.append(String.format("| %s | %.0f | %.2f | %.2f | %.2f | %.0f | %+.0f | %d |%n", names.get(t),
                    result.throughput(), result.throughput() / open,
                    result.latencies().getValueAtPercentile(50) / 1000.0,
                    result.latencies().getValueAtPercentile(99) / 1000.0, cpu, cpu - openCpu, result.failed()));
        });
        // Both count requests the same way; the metrics' cost is what one does that the other does not.
        table.append(String.format("%n`/api/me` with metrics over without: **%.2f** requests/s, %+.0f µs server CPU"
                + " per request%n", results.get(1).throughput() / results.get(5).throughput(),
                cpuSeconds.get(1) / results.get(1).ok() * 1e6 - cpuSeconds.get(5) / results.get(5).ok() * 1e6));
        return table.append('\n').toString();
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

    private static void recreate(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(directory);
    }
}
