package dev.tokencookie.bench;

import dev.tokencookie.accesstoken.control.SignatureWork;
import dev.tokencookie.it.support.Api;
import dev.tokencookie.it.support.Deployments;
import dev.tokencookie.it.support.MicroProcess;
import dev.tokencookie.it.support.ServerProcess;
import dev.tokencookie.refreshtoken.control.RotationWork;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

/**
 * What one refresh and one login cost the server in CPU, on the embedded H2 and on PostgreSQL, per signing algorithm,
 * against the floor under each measured in the same run: the JDK's signature of the algorithm plus the hashes a
 * rotation needs (or the password hash a login needs). Also PostgreSQL's CPU per refresh, the refresh throughput and
 * latencies from 1 to 64 clients, a GET's cost at one client and at several, and the password hash's cost at the
 * demo store's parameters and at OWASP's.
 *
 * <p>Run by {@code ./mvnw -Pload verify -Dload.benchmark=OperationBenchmark}; {@code -Dbench.algorithms},
 * {@code -Dbench.databases}, {@code -Dbench.curve}, {@code -Dbench.round-seconds}, {@code -Dbench.rounds},
 * {@code -Dbench.warm-up-seconds} (the first round of refreshes and of logins) and {@code -Dbench.clients} change it.
 * {@code -Dbench.pool-sizes=4,16,...} draws only the PostgreSQL refresh curve, with the first algorithm, once per
 * maximum size of the server's connection pool, each in a server of its own. {@code -Dbench.compare=NAME=value,...}
 * measures only a change, with the first database and algorithm: two servers by turns, the second with these
 * environment variables set, then two more with their places swapped; {@code -Dbench.compare-war=FILE} does the same
 * with the variant running another build of the WAR (another commit's), configured alike. It writes
 * {@code target/operation-benchmark.md}.
 */
public final class OperationBenchmark {

    private static final Path DIRECTORY = Path.of("target", "operation-benchmark");
    /**
     * The run mode's demo users, whom the benchmark signs in as by turns: the login throttle counts each attempt before
     * the password check, so more parallel attempts for one user than its limit would be refused.
     */
    private static final List<String> USERS = List.of("alice", "bob");
    /** Soteria's default PBKDF2 iterations in Payara 6, which the run mode's demo store uses. */
    private static final int DEMO_STORE_ITERATIONS = 2_048;
    /** OWASP's Password Storage Cheat Sheet for PBKDF2-HMAC-SHA256. */
    private static final int OWASP_ITERATIONS = 600_000;
    /** The pool option of payara-config/postgresql.asadmin that the pool curves extend with a maximum. */
    private static final String RUN_MODE_STEADY_SIZE = "--steadypoolsize=2";
    /** Longer than an RSA signature's windows took to settle in run Z3 (docs/performance-runs.md). */
    private static final Duration FLOOR_WARM_UP = Duration.ofSeconds(10);
    private static final Duration FLOOR_TIME = Duration.ofSeconds(3);
    /** Clients of the table of a refresh's parts: a steady row of the refresh curve. */
    private static final int PLATFORM_CLIENTS = 16;

    private final Duration round;
    private final int rounds;
    private final int clients;
    private final Duration warmUp;

    private OperationBenchmark(Duration round, int rounds, int clients, Duration warmUp) {
        this.round = round;
        this.rounds = rounds;
        this.clients = clients;
        this.warmUp = warmUp;
    }

    public static void main(String[] args) throws Exception {
        if (Integer.getInteger("bench.rounds", 3) < 1) {
            // Every row is the sum of its measured rounds, and its floor the mean of their windows.
            throw new IllegalArgumentException("bench.rounds must be at least 1");
        }
        OperationBenchmark benchmark = new OperationBenchmark(
                Duration.ofSeconds(Long.getLong("bench.round-seconds", 10)), Integer.getInteger("bench.rounds", 3),
                Integer.getInteger("bench.clients", 8),
                Duration.ofSeconds(Long.getLong("bench.warm-up-seconds", Long.getLong("bench.round-seconds", 10))));
        List<String> algorithms = List.of(System.getProperty("bench.algorithms", "RS256,ES256,EdDSA").split(","));
        List<String> databases = List.of(System.getProperty("bench.databases", "h2,postgresql").split(","));
        int[] curve = Arrays.stream(System.getProperty("bench.curve", "1,4,16,64").split(","))
                .mapToInt(Integer::parseInt).toArray();
        String poolSizes = System.getProperty("bench.pool-sizes", "run-mode").strip();
        String compared = System.getProperty("bench.compare", "none").strip();
        String comparedWar = System.getProperty("bench.compare-war", "none").strip();
        boolean comparison = !"none".equals(compared) || !"none".equals(comparedWar);
        if (comparison && !"run-mode".equals(poolSizes)) {
            throw new IllegalArgumentException("bench.compare or bench.compare-war, and bench.pool-sizes, are two "
                    + "runs: give one");
        }
        // Deployments refuses a WAR file that is not there, naming its absolute path: relative paths are src/bench's.
        Optional<Path> otherWar = "none".equals(comparedWar) ? Optional.empty()
                : Optional.of(Path.of(comparedWar).toAbsolutePath());
        LoadBenchmark.recreate(DIRECTORY);
        if (!"run-mode".equals(poolSizes)) {
            String report = "# Operation benchmark: the refresh curve by pool size\n\n" + Environment.describe()
                    + benchmark.poolCurves(algorithms.get(0), curve,
                            Arrays.stream(poolSizes.split(",")).mapToInt(Integer::parseInt).toArray());
            Files.writeString(Path.of("target", "operation-benchmark.md"), report);
            System.out.println(report);
            return;
        }
        if (comparison) {
            if (benchmark.rounds < 2 || benchmark.rounds % 2 != 0) {
                // Each server goes first in half the rounds, so that the order's own effect cancels out.
                throw new IllegalArgumentException("bench.compare and bench.compare-war need an even number of "
                        + "bench.rounds, at least 2");
            }
            String report = "# Operation benchmark: a change in both orders\n\n" + Environment.describe()
                    + benchmark.compare(databases.get(0), algorithms.get(0),
                            "none".equals(compared) ? Map.of() : changedSettings(compared), otherWar);
            Files.writeString(Path.of("target", "operation-benchmark.md"), report);
            System.out.println(report);
            return;
        }
        StringBuilder report = new StringBuilder("# Operation benchmark\n\n").append(Environment.describe())
                .append("\nEach row is one server start. Its floor is the JDK's signature, the mean of one-second ")
                .append("windows that one thread of the load generator measured right before and after each of the ")
                .append("row's rounds (their range in brackets), plus the rotation's hashes or the password hash, ")
                .append("measured once after the rounds; all on the same JDK.\n\n")
                .append("| database | alg | operation | per s | p50 ms | p99 ms | server CPU µs | of which JIT µs ")
                .append("| of which GC µs | PostgreSQL CPU µs | signature µs | floor µs | server over floor ")
                .append("| apart from JIT | failed |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        StringBuilder more = new StringBuilder();
        for (String algorithm : algorithms) {
            SignatureFloor probe = SignatureFloor.warmedUp(algorithm, FLOOR_WARM_UP);
            more.append(warmUpWindows(algorithm, probe));
            for (String database : databases) {
                boolean last = database.equals(databases.get(databases.size() - 1))
                        && algorithm.equals(algorithms.get(0));
                benchmark.run(database, algorithm, probe, last ? curve : new int[0], report, more);
            }
        }
        report.append(more).append(passwordHashes()).append(signatures(algorithms));
        Files.writeString(Path.of("target", "operation-benchmark.md"), report);
        System.out.println(report);
    }

    /** One server start: refresh and login rounds, their floors, and on request the concurrency curve. */
    private void run(String database, String algorithm, SignatureFloor probe, int[] curve, StringBuilder rows,
            StringBuilder more) throws Exception {
        Path war = war(algorithm);
        try (Database db = Database.start(database)) {
            try (ServerProcess server = ServerProcess.start(ServerProcess.freePort(),
                    DIRECTORY.resolve("data-" + database + "-" + algorithm), war, db.environment())) {
                Meter meter = new Meter(server.pid(), db, probe);
                Api api = server.api();
                IntFunction<Callable<Boolean>> refresh = refreshes(api, curve);
                Map<Integer, LongAdder> refused = new ConcurrentSkipListMap<>();
                IntFunction<Callable<Boolean>> login = i -> () -> {
                    int status = signIn(api, i).status();
                    if (status != 200) {
                        refused.computeIfAbsent(status, key -> new LongAdder()).increment();
                    }
                    return status == 200;
                };
                Cost refreshes = Cost.NONE;
                Cost logins = Cost.NONE;
                for (int r = 0; r <= rounds; r++) {
                    Duration length = r == 0 ? warmUp : round;
                    Cost refreshRound = meter.measure(clients, length, refresh);
                    Cost loginRound = meter.measure(clients, length, login);
                    if (r > 0) {
                        // Round 0 warms up the server's code paths and the generator's.
                        refreshes = refreshes.plus(refreshRound);
                        logins = logins.plus(loginRound);
                    }
                }
                double sign = refreshes.floor().mean();
                double rotation = rotationMicros();
                double passwordHash = pbkdf2Micros(DEMO_STORE_ITERATIONS);
                rows.append(refreshes.row(database, algorithm, "refresh", rotation));
                rows.append(logins.row(database, algorithm, "login", passwordHash));
                more.append(String.format("%n%s, %s: signature %.0f µs (the refresh rounds' windows), rotation's "
                        + "hashes %.0f µs, password hash (%,d iterations) %.0f µs; a login's server CPU apart from "
                        + "the password hash: **%.0f µs**%n",
                        database, algorithm, sign, rotation, DEMO_STORE_ITERATIONS, passwordHash,
                        logins.serverMicros() - passwordHash));
                if (!refused.isEmpty()) {
                    more.append("Logins answered otherwise than 200, by status: ").append(refused).append('\n');
                }
                if (curve.length > 0) {
                    more.append(curve(meter, curve, refresh, database, algorithm, rotation));
                    more.append(lowConcurrency(meter, api));
                    if (!"h2".equals(database)) {
                        more.append(platform(meter, api, db, refresh, rotation));
                    }
                }
            }
        }
    }

    /**
     * What sets a comparison's two servers apart, so that one pair of servers and its swapped twin start from the same
     * description: the WAR and the environment variables beside the database's.
     */
    private record Side(String name, Path war, Map<String, String> changed) {
    }

    /**
     * A change of settings or of the WAR, measured in both orders. Two servers, the base (the WAR as the run mode has
     * it) and the variant, are measured by turns: a round of refreshes on each, then a round of logins on each, the
     * first server first in odd rounds and second in even ones. A difference that two runs apart cannot show (the
     * machine drifts by more than it between runs) shows in the rounds' pairs, which the same minute of the machine
     * measures. Then two new servers do the same with their places swapped, so that what the second place adds every
     * time falls once on the variant and once on the base, where one order alone would count it as the change's (runs
     * Z22 and Z23 in docs/performance-runs.md). A process's own luck (how its JIT compiled) is not cancelled but
     * averaged over two processes a side, and the interval, built from the rounds, does not include it.
     */
    private String compare(String database, String algorithm, Map<String, String> changed, Optional<Path> otherWar)
            throws Exception {
        Path war = war(algorithm);
        Side base = new Side("base", war, Map.of());
        Side variant = new Side("variant",
                otherWar.isEmpty() ? war : war(algorithm, otherWar.get().toFile(), "compared-" + algorithm), changed);
        SignatureFloor probe = SignatureFloor.warmedUp(algorithm, FLOOR_WARM_UP);
        Map<String, Cost[][]> variantSecond = pair(database, probe, base, variant);
        Map<String, Cost[][]> variantFirst = pair(database, probe, variant, base);
        StringBuilder report = new StringBuilder(String.format("%n%s, %s, %d clients, %d rounds of %d s per server and "
                + "operation after a warm-up round of %d s, in two pairs of servers, the variant second in the first "
                + "pair and first in the other. %s Each server has a database of its own.%n", database, algorithm,
                clients, rounds, round.toSeconds(), warmUp.toSeconds(), servers(changed, otherWar)))
                .append("\n## The variant second\n").append(comparison(base, variant, variantSecond))
                .append("\n## The variant first\n").append(comparison(variant, base, variantFirst))
                .append("\n## Both orders together\n\n");
        for (String operation : variantSecond.keySet()) {
            report.append(String.format("The variant's %s minus the base's, apart from the JIT: %s%n", operation,
                    Differences.bothOrders(secondMinusFirst(variantSecond.get(operation), 1),
                            secondMinusFirst(variantFirst.get(operation), -1))));
        }
        return report.toString();
    }

    /**
     * Two servers measured by turns, one place each, so that the caller can swap the places; each operation's costs by
     * server (the first, the second) and round.
     */
    private Map<String, Cost[][]> pair(String database, SignatureFloor probe, Side firstSide, Side secondSide)
            throws Exception {
        String firstName = firstSide.name() + "-first";
        String secondName = secondSide.name() + "-second";
        try (Database firstDb = Database.start(database, "postgres-" + firstName);
                Database secondDb = Database.start(database, "postgres-" + secondName);
                ServerProcess first = ServerProcess.start(ServerProcess.freePort(),
                        DIRECTORY.resolve("data-" + firstName), firstSide.war(),
                        with(firstDb.environment(), firstSide.changed()));
                ServerProcess second = ServerProcess.start(ServerProcess.freePort(),
                        DIRECTORY.resolve("data-" + secondName), secondSide.war(),
                        with(secondDb.environment(), secondSide.changed()))) {
            List<Meter> meters = List.of(new Meter(first.pid(), firstDb, probe),
                    new Meter(second.pid(), secondDb, probe));
            List<Map<String, IntFunction<Callable<Boolean>>>> operations = List.of(
                    Map.of("refresh", refreshes(first.api(), new int[0]), "login", logins(first.api())),
                    Map.of("refresh", refreshes(second.api(), new int[0]), "login", logins(second.api())));
            Map<String, Cost[][]> costs = new LinkedHashMap<>();
            for (String operation : List.of("refresh", "login")) {
                costs.put(operation, new Cost[2][rounds]);
            }
            for (int r = -1; r < rounds; r++) {
                for (String operation : costs.keySet()) {
                    for (int turn = 0; turn < 2; turn++) {
                        // Round -1 warms up both servers. After it the servers take turns at going first: the second
                        // of a pair inherits the first's leftovers (its garbage to collect, the caches it took), and
                        // the machine's drift within the pair, which cancel out over pairs of rounds.
                        int side = r < 0 ? turn : (turn + r) % 2;
                        Cost cost = meters.get(side).measure(clients, r < 0 ? warmUp : round,
                                operations.get(side).get(operation));
                        if (r >= 0) {
                            costs.get(operation)[side][r] = cost;
                        }
                    }
                }
            }
            return costs;
        }
    }

    /** Names the WAR files and settings in the report, so that a reader can tell which build the figures are of. */
    private static String servers(Map<String, String> changed, Optional<Path> otherWar) {
        List<String> differences = new ArrayList<>();
        otherWar.ifPresent(file -> differences.add("the WAR `" + file.toAbsolutePath().normalize() + "`, configured "
                + "alike"));
        if (!changed.isEmpty()) {
            differences.add("with " + changed.entrySet().stream()
                    .map(setting -> "`" + setting.getKey() + "=" + setting.getValue() + "`")
                    .collect(Collectors.joining(" and ")));
        }
        return "The variant ran " + String.join(", and ", differences) + "; the base the WAR `"
                + Deployments.builtWarFile().getAbsoluteFile().toPath().normalize() + "` as the run mode has it.";
    }

    /** One pair's tables: each server's sums, then each round's pair and the pairs' differences. */
    private String comparison(Side firstSide, Side secondSide, Map<String, Cost[][]> costs) {
        List<String> names = List.of(firstSide.name(), secondSide.name());
        StringBuilder report = new StringBuilder(String.format("%nThe first server ran the %s, the second the %s.%n%n",
                names.get(0), names.get(1)))
                .append("| server | operation | per s | p50 ms | p99 ms | server CPU µs | of which JIT µs ")
                .append("| of which GC µs | of which the kernel's µs | PostgreSQL CPU µs | signature µs | failed |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, Cost[][]> operation : costs.entrySet()) {
            for (int side = 0; side < 2; side++) {
                Cost sum = Arrays.stream(operation.getValue()[side]).reduce(Cost.NONE, Cost::plus);
                ClosedLoopLoad.Result result = sum.result();
                report.append(String.format("| %s (%s) | %s | %.0f | %.2f | %.2f | %.0f | %.0f | %.0f | %.0f | %s "
                        + "| %s | %d |%n", side == 0 ? "first" : "second", names.get(side), operation.getKey(),
                        result.throughput(), result.latencies().getValueAtPercentile(50) / 1000.0,
                        result.latencies().getValueAtPercentile(99) / 1000.0, sum.serverMicros(),
                        sum.compilerMicros(), sum.collectorMicros(), sum.kernelMicros(),
                        sum.databaseSeconds() == 0 ? "in the server" : String.format("%.0f", sum.databaseMicros()),
                        sum.floor().describe(), result.failed()));
            }
        }
        report.append("\nEach round's pair, server CPU µs per operation apart from the JIT's (the first server's, the ")
                .append("second's, the second's minus the first's):\n\n| round | ran first |");
        costs.keySet().forEach(operation -> report.append(String.format(" %1$s, first | %1$s, second "
                + "| %1$s, difference |", operation)));
        report.append("\n|---|---|").append("---|---|---|".repeat(costs.size())).append('\n');
        for (int r = 0; r < rounds; r++) {
            report.append(String.format("| %d | %s |", r + 1, r % 2 == 0 ? "first" : "second"));
            for (Cost[][] operation : costs.values()) {
                double firstMicros = apartFromJit(operation[0][r]);
                double secondMicros = apartFromJit(operation[1][r]);
                report.append(String.format(" %.0f | %.0f | %+.0f |", firstMicros, secondMicros,
                        secondMicros - firstMicros));
            }
            report.append('\n');
        }
        report.append('\n');
        for (Map.Entry<String, Cost[][]> operation : costs.entrySet()) {
            report.append(String.format("The second server's %s minus the first's, apart from the JIT: %s%n",
                    operation.getKey(), secondMinusFirst(operation.getValue(), 1).describe()));
        }
        return report.toString();
    }

    /**
     * Each round's second server's cost minus the first's, apart from the JIT, times {@code sign}: -1 turns a pair with
     * the variant first into the variant's minus the base's, as the other pair reads.
     */
    private Differences secondMinusFirst(Cost[][] costs, int sign) {
        double[] differences = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            differences[r] = sign * (apartFromJit(costs[1][r]) - apartFromJit(costs[0][r]));
        }
        return Differences.of(differences);
    }

    private static double apartFromJit(Cost cost) {
        return cost.serverMicros() - cost.compilerMicros();
    }

    /** Settings as environment variables, {@code NAME=value} separated by commas, as an operator would set them. */
    private static Map<String, String> changedSettings(String compared) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String setting : compared.split(",")) {
            int equals = setting.indexOf('=');
            String name = equals < 0 ? "" : setting.substring(0, equals).strip();
            if (!name.matches("[A-Z][A-Z0-9_]*")) {
                throw new IllegalArgumentException("bench.compare takes NAME=value pairs of environment variables, "
                        + "separated by commas: " + setting);
            }
            settings.put(name, setting.substring(equals + 1).strip());
        }
        return settings;
    }

    private static Map<String, String> with(Map<String, String> environment, Map<String, String> changed) {
        Map<String, String> merged = new LinkedHashMap<>(environment);
        merged.putAll(changed);
        return merged;
    }

    /**
     * The PostgreSQL refresh curve once per maximum pool size: the run mode's pool commands with only the maximum
     * changed, a server start each, a round of refreshes by the usual clients to warm it up first.
     */
    private String poolCurves(String algorithm, int[] curve, int[] poolSizes) throws Exception {
        Path war = war(algorithm);
        String runModePool = Files.readString(MicroProcess.config("postgresql.asadmin"));
        if (!runModePool.contains(RUN_MODE_STEADY_SIZE)) {
            // Else every row would run Payara's default maximum under another size's label.
            throw new IllegalStateException("postgresql.asadmin no longer says " + RUN_MODE_STEADY_SIZE);
        }
        StringBuilder table = new StringBuilder(String.format("%nPostgreSQL, %s. Each client refreshes its own "
                + "session in a closed loop; %d rounds of %d s per size after a warm-up round. Connections: the "
                + "server's open connections to PostgreSQL after the size's rounds. Signature: the mean of one-second "
                + "windows that one thread of the load generator measured right before and after each of the row's "
                + "rounds (their range in brackets). Floor: the signature and the rotation's hashes.%n%n",
                algorithm, rounds, round.toSeconds()))
                .append("| pool max | clients | rotations/s | p50 ms | p99 ms | server CPU µs | of which JIT µs ")
                .append("| of which GC µs | of which the kernel's µs | context switches | PostgreSQL CPU µs ")
                .append("| connections | signature µs | floor µs | server / floor | failed |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        SignatureFloor probe = SignatureFloor.warmedUp(algorithm, FLOOR_WARM_UP);
        StringBuilder warmUpWindows = new StringBuilder(warmUpWindows(algorithm, probe));
        for (int poolSize : poolSizes) {
            Path commands = DIRECTORY.resolve("postgresql-pool-" + poolSize + ".asadmin");
            Files.writeString(commands, runModePool.replace(RUN_MODE_STEADY_SIZE,
                    "--steadypoolsize=" + Math.min(2, poolSize) + " --maxpoolsize=" + poolSize));
            try (Database db = Database.start("postgresql");
                    MicroProcess server = MicroProcess.start(ServerProcess.freePort(),
                            DIRECTORY.resolve("data-pool-" + poolSize), war, db.environment(), commands)) {
                Meter meter = new Meter(server.pid(), db, probe);
                Api api = server.api();
                IntFunction<Callable<Boolean>> refresh = refreshes(api, curve);
                meter.measure(clients, warmUp, refresh);
                Cost[] costs = new Cost[curve.length];
                int[] connections = new int[curve.length];
                for (int c = 0; c < curve.length; c++) {
                    costs[c] = afterWarmUp(meter, curve[c], refresh);
                    connections[c] = db.connections();
                }
                double rotation = rotationMicros();
                for (int c = 0; c < curve.length; c++) {
                    double floor = costs[c].floor().mean() + rotation;
                    table.append("| ").append(poolSize).append(' ').append(curveCells(curve[c], costs[c]))
                            .append(String.format(" %d | %s | %.0f | %.2f | %d |%n", connections[c],
                                    costs[c].floor().describe(), floor, costs[c].serverMicros() / floor,
                                    costs[c].result().failed()));
                }
            }
        }
        return table.append(warmUpWindows).toString();
    }

    /** Refresh throughput and latencies by the number of clients, each chaining its own session's rotations. */
    private String curve(Meter meter, int[] curve, IntFunction<Callable<Boolean>> refresh, String database,
            String algorithm, double rotation) throws Exception {
        StringBuilder table = new StringBuilder(String.format("%n## Refresh by clients (%s, %s)%n%n", database,
                algorithm)).append("Each client refreshes its own session in a closed loop; ").append(rounds)
                .append(" rounds of ").append(round.toSeconds()).append(" s per size after a warm-up round. ")
                .append("Signature and floor as in the first table, from the windows around each size's rounds.\n\n")
                .append("| clients | rotations/s | p50 ms | p99 ms | server CPU µs | of which JIT µs ")
                .append("| of which GC µs | of which the kernel's µs | context switches | PostgreSQL CPU µs ")
                .append("| signature µs | floor µs | server / floor | failed |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (int size : curve) {
            Cost cost = afterWarmUp(meter, size, refresh);
            double floor = cost.floor().mean() + rotation;
            table.append(curveCells(size, cost)).append(String.format(" %s | %.0f | %.2f | %d |%n",
                    cost.floor().describe(), floor, cost.serverMicros() / floor, cost.result().failed()));
        }
        return table.toString();
    }

    /**
     * The cells that both refresh curves have, from the clients to PostgreSQL's CPU. The kernel's share is the part of
     * the server's CPU that a Java profiler does not see: system calls for each round trip to the client and the
     * database, and waking the threads a request passes through.
     */
    private static String curveCells(int clients, Cost cost) {
        ClosedLoopLoad.Result result = cost.result();
        return String.format("| %d | %.0f | %.2f | %.2f | %.0f | %.0f | %.0f | %.0f | %.1f | %.0f |", clients,
                result.throughput(), result.latencies().getValueAtPercentile(50) / 1000.0,
                result.latencies().getValueAtPercentile(99) / 1000.0, cost.serverMicros(), cost.compilerMicros(),
                cost.collectorMicros(), cost.kernelMicros(), cost.switchesPerOperation(), cost.databaseMicros());
    }

    /**
     * GET /api/me with a cached token from one keep-alive client and from several, and the server's CPU while idle:
     * what a request costs when nothing amortises the server's own background work.
     */
    private String lowConcurrency(Meter meter, Api api) throws Exception {
        String token = signIn(api, 0).json().getString("access_token");
        IntFunction<Callable<Boolean>> me = i -> () -> api.get("api/me", "Authorization", "Bearer " + token)
                .status() == 200;
        double idlePerSecond = idleSeconds(meter);
        StringBuilder table = new StringBuilder("\n## GET /api/me by one client and by several\n\n")
                .append(String.format("The server idle: %.1f ms of CPU per second.%n%n", idlePerSecond * 1000))
                .append("| clients | requests/s | p50 ms | server CPU µs/request | of which JIT µs ")
                .append("| of which GC µs | of which idle work µs | of which the kernel's µs ")
                .append("| context switches/request |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        for (int size : new int[] {1, clients}) {
            Cost cost = afterWarmUp(meter.withoutFloor(), size, me);
            ClosedLoopLoad.Result result = cost.result();
            table.append(String.format("| %d | %.0f | %.2f | %.0f | %.0f | %.0f | %.0f | %.0f | %.1f |%n", size,
                    result.throughput(), result.latencies().getValueAtPercentile(50) / 1000.0, cost.serverMicros(),
                    cost.compilerMicros(), cost.collectorMicros(), idlePerSecond * 1e6 / result.throughput(),
                    cost.kernelMicros(), cost.switchesPerOperation()));
        }
        return table.toString();
    }

    /**
     * A steady refresh beside requests that each add one of its parts, at the same number of clients, each after a
     * warm-up round of its own: a GET of /api/me (HTTP, JAX-RS, the bearer filter's cache hit, a JSON body); a
     * transaction with a rotation's round trips in plain JDBC; that and the access token a refresh signs; the module's
     * rotation and the access token without the refresh endpoint ({@link PlatformCostResource}). The differences say
     * what the platform takes and what the module's code decides.
     */
    private String platform(Meter meter, Api api, Database db, IntFunction<Callable<Boolean>> refresh,
            double rotation) throws Exception {
        db.execute("CREATE TABLE BENCH_ROW (id INTEGER PRIMARY KEY, n BIGINT NOT NULL)",
                "CREATE TABLE BENCH_LOG (id VARCHAR(36) PRIMARY KEY, row_id INTEGER NOT NULL)",
                "INSERT INTO BENCH_ROW SELECT i, 0 FROM generate_series(0, " + (PLATFORM_CLIENTS - 1) + ") i",
                "INSERT INTO BENCH_ROW SELECT i + " + RotationRoundTrips.SECOND_ROW + ", 0 FROM generate_series(0, "
                        + (PLATFORM_CLIENTS - 1) + ") i");
        String token = signIn(api, 0).json().getString("access_token");
        double idlePerSecond = idleSeconds(meter);
        Map<String, IntFunction<Callable<Boolean>>> requests = partsOfARefresh(api, token, refresh);
        StringBuilder table = new StringBuilder(String.format("%n## A refresh's parts, by requests that add one "
                + "each (PostgreSQL, %d clients)%n%n", PLATFORM_CLIENTS))
                .append("Each request after a warm-up round of its own. Signature and floor are a refresh's (the ")
                .append("signature and the rotation's hashes) in every row, for comparison, as in the first table, ")
                .append("from the windows around each row's rounds. Idle work: the idle server's CPU per second (")
                .append(String.format("%.1f ms), spread over the row's requests.%n%n", idlePerSecond * 1000))
                .append("| request | per s | server CPU µs | of which JIT µs | of which idle work µs ")
                .append("| of which the kernel's µs | context switches | PostgreSQL CPU µs | signature µs | floor µs ")
                .append("| server / floor | failed |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        double[] micros = new double[requests.size()];
        int row = 0;
        for (Map.Entry<String, IntFunction<Callable<Boolean>>> request : requests.entrySet()) {
            Cost cost = afterWarmUp(meter, PLATFORM_CLIENTS, request.getValue());
            double floor = cost.floor().mean() + rotation;
            double idle = idlePerSecond * 1e6 / cost.result().throughput();
            micros[row++] = cost.serverMicros() - cost.compilerMicros() - idle;
            table.append(String.format("| %s | %.0f | %.0f | %.0f | %.0f | %.0f | %.1f | %.0f | %s | %.0f | %.2f "
                    + "| %d |%n", request.getKey(), cost.result().throughput(), cost.serverMicros(),
                    cost.compilerMicros(), idle, cost.kernelMicros(), cost.switchesPerOperation(),
                    cost.databaseMicros(), cost.floor().describe(), floor, cost.serverMicros() / floor,
                    cost.result().failed()));
        }
        return table.append(String.format("%nApart from the JIT and the idle work, by difference: HTTP, JAX-RS, the "
                + "filter and a JSON body %.0f µs; the transaction's round trips %.0f µs; the access token %.0f µs; "
                + "EclipseLink and the module's rotation beyond plain JDBC %.0f µs; the refresh endpoint around them "
                + "(the cookie, the filters of the module's endpoints, the queue per cookie, the audit line, the "
                + "metrics) %.0f µs.%n",
                micros[0], micros[1] - micros[0], micros[2] - micros[1], micros[3] - micros[2],
                micros[4] - micros[3])).toString();
    }

    /** The requests of the table of a refresh's parts, by the name of their row, each adding one part to the last. */
    private static Map<String, IntFunction<Callable<Boolean>>> partsOfARefresh(Api api, String token,
            IntFunction<Callable<Boolean>> refresh) {
        Map<String, IntFunction<Callable<Boolean>>> requests = new LinkedHashMap<>();
        requests.put("`GET /api/me`", i -> () -> api.get("api/me", "Authorization", "Bearer " + token)
                .status() == 200);
        requests.put("a rotation's round trips in one transaction, plain JDBC", i -> () -> api.get(
                "api/bench/platform/transaction?client=" + i, "Authorization", "Bearer " + token).status() == 200);
        requests.put("the same and the access token's signature", i -> () -> api.get(
                "api/bench/platform/signed-transaction?client=" + i, "Authorization", "Bearer " + token)
                .status() == 200);
        String[] chains = new String[PLATFORM_CLIENTS];
        for (int i = 0; i < chains.length; i++) {
            chains[i] = signIn(api, i).refreshCookie().value();
        }
        requests.put("the module's rotation and the access token, without the endpoint", i -> () -> {
            Api.Reply reply = api.get("api/bench/platform/rotation", "Authorization", "Bearer " + token,
                    PlatformCostResource.REFRESH_HEADER, chains[i]);
            if (reply.status() != 200) {
                chains[i] = signIn(api, i).refreshCookie().value();
                return false;
            }
            chains[i] = reply.json().getString("refresh_token");
            return true;
        });
        requests.put("a refresh", refresh);
        return requests;
    }

    /** The idle server's CPU seconds per second, over one round's length: its own work, which requests share. */
    private double idleSeconds(Meter meter) throws Exception {
        double before = ProcessCpu.seconds(meter.server());
        Thread.sleep(round.toMillis());
        return (ProcessCpu.seconds(meter.server()) - before) / round.toSeconds();
    }

    /** The rounds after one round that warms up this number of clients' paths. */
    private Cost afterWarmUp(Meter meter, int size, IntFunction<Callable<Boolean>> requests) throws Exception {
        meter.measure(size, round, requests);
        Cost cost = Cost.NONE;
        for (int r = 0; r < rounds; r++) {
            cost = cost.plus(meter.measure(size, round, requests));
        }
        return cost;
    }

    /**
     * The drop-in WAR as a team deploys it, with the run mode's demo users: none of the tests' classes, whose log
     * capture and event observers would add their own cost to every operation. Only the resource of a refresh's parts
     * and its bean are added, which nothing else calls.
     */
    private static Path war(String algorithm) {
        return war(algorithm, Deployments.builtWarFile(), algorithm);
    }

    /** A WAR built from {@code built}, with the benchmark's settings and endpoints, written as {@code name}.war. */
    private static Path war(String algorithm, File built, String name) {
        Path war = DIRECTORY.resolve(name + ".war");
        Deployments.withoutTestUsers(built, Map.of("auth.signing.algorithm", algorithm, "auth.access-token.ttl",
                "PT1H"), PlatformCostResource.class, RotationRoundTrips.class).as(ZipExporter.class)
                .exportTo(war.toFile(), true);
        return war;
    }

    /** Client i's next refresh, each client with a session of its own, enough clients for the rounds and the curve. */
    private IntFunction<Callable<Boolean>> refreshes(Api api, int[] curve) {
        String[] cookies = new String[Math.max(Math.max(clients, PLATFORM_CLIENTS), Arrays.stream(curve).max()
                .orElse(0))];
        for (int i = 0; i < cookies.length; i++) {
            cookies[i] = signIn(api, i).refreshCookie().value();
        }
        return i -> () -> refresh(api, cookies, i);
    }

    /** Client i's next login, alice and bob by turns; counted as failed unless answered 200. */
    private static IntFunction<Callable<Boolean>> logins(Api api) {
        return i -> () -> signIn(api, i).status() == 200;
    }

    private static boolean refresh(Api api, String[] cookies, int client) {
        Api.Reply reply = api.withCookie("api/auth/refresh", cookies[client]);
        if (reply.status() != 200) {
            // Counted as failed; a new login keeps the client from replaying a dead cookie.
            cookies[client] = signIn(api, client).refreshCookie().value();
            return false;
        }
        cookies[client] = reply.refreshCookie().value();
        return true;
    }

    private static Api.Reply signIn(Api api, int client) {
        String user = USERS.get(client % USERS.size());
        return api.login(user, password(user));
    }

    private static String password(String user) {
        return user + "-password-1";
    }

    /** The probe's warm-up windows: how long this JDK took to settle the signature, in this run. */
    private static String warmUpWindows(String algorithm, SignatureFloor probe) {
        return String.format("%nThe signature's one-second windows during the floor's warm-up (%s, µs): %s%n",
                algorithm, probe.warmUpWindows().stream().map(micros -> String.format("%.0f", micros))
                        .collect(Collectors.joining(", ")));
    }

    /** The presented token's SHA-256, a new token, the successor's seal and its SHA-256, with the module's code. */
    private static double rotationMicros() throws Exception {
        String presented = RotationWork.newToken();
        return CpuCost.microsPerCall(() -> RotationWork.rotate(presented), FLOOR_WARM_UP, FLOOR_TIME);
    }

    /** The password hash's cost at the demo store's iterations and at OWASP's, as Jakarta Security computes it. */
    private static String passwordHashes() throws Exception {
        return String.format("%n## Password hash (PBKDF2WithHmacSHA256, 32-byte salt and key, one thread)%n%n"
                + "| iterations | ms per hash |%n|---|---|%n| %,d (the demo store: Soteria's default) | %.2f |%n"
                + "| %,d (OWASP's recommendation) | %.1f |%n",
                DEMO_STORE_ITERATIONS, pbkdf2Micros(DEMO_STORE_ITERATIONS) / 1000, OWASP_ITERATIONS,
                pbkdf2Micros(OWASP_ITERATIONS) / 1000);
    }

    private static double pbkdf2Micros(int iterations) throws Exception {
        SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
        byte[] salt = new byte[32];
        char[] password = password(USERS.get(0)).toCharArray();
        return CpuCost.microsPerCall(() -> factory.generateSecret(new PBEKeySpec(password, salt, iterations, 256)),
                FLOOR_WARM_UP, FLOOR_TIME);
    }

    /** The JDK's sign and check per algorithm, one thread: what issuing and an uncached check cost at least. */
    private static String signatures(List<String> algorithms) throws Exception {
        StringBuilder table = new StringBuilder(String.format("%n## Signatures (the JDK alone, one thread, %s)%n%n"
                + "| alg | sign µs | verify µs |%n|---|---|---|%n", System.getProperty("java.runtime.version")));
        byte[] input = SignatureFloor.signingInput();
        for (String algorithm : algorithms) {
            SignatureWork work = SignatureWork.of(algorithm);
            byte[] signature = work.sign(input);
            table.append(String.format("| %s | %.0f | %.0f |%n", algorithm,
                    CpuCost.microsPerCall(() -> work.sign(input), FLOOR_WARM_UP, FLOOR_TIME),
                    CpuCost.microsPerCall(() -> work.verify(input, signature), FLOOR_WARM_UP, FLOOR_TIME)));
        }
        return table.toString();
    }

    /**
     * The server's and the database's CPU over one closed-loop run, and the signature's floor right before and after
     * it, outside the CPU read for the run; without a probe, no floor.
     */
    private record Meter(long server, Database database, SignatureFloor probe) {

        /** For rounds whose table has no floor (GET /api/me): two seconds less per round. */
        Meter withoutFloor() {
            return new Meter(server, database, null);
        }

        Cost measure(int clients, Duration round, IntFunction<Callable<Boolean>> requests) throws Exception {
            double floorBefore = probe == null ? 0 : probe.sample();
            double serverBefore = ProcessCpu.seconds(server);
            double compilerBefore = ProcessCpu.compilerSeconds(server);
            double collectorBefore = ProcessCpu.collectorSeconds(server);
            double kernelBefore = ProcessCpu.kernelSeconds(server);
            long switchesBefore = ProcessCpu.contextSwitches(server);
            double databaseBefore = database.cpuSeconds();
            ClosedLoopLoad.Result result = ClosedLoopLoad.run(clients, round, requests);
            double serverSeconds = ProcessCpu.seconds(server) - serverBefore;
            double compilerSeconds = ProcessCpu.compilerSeconds(server) - compilerBefore;
            double collectorSeconds = ProcessCpu.collectorSeconds(server) - collectorBefore;
            double databaseSeconds = database.cpuSeconds() - databaseBefore;
            double kernelSeconds = ProcessCpu.kernelSeconds(server) - kernelBefore;
            long switches = ProcessCpu.contextSwitches(server) - switchesBefore;
            // After every reading of the round: a window inside them would add a second of the server's idle work.
            SignatureFloor.Windows floor = probe == null ? SignatureFloor.Windows.NONE
                    : new SignatureFloor.Windows(List.of(floorBefore, probe.sample()));
            return new Cost(result, serverSeconds, compilerSeconds, collectorSeconds, databaseSeconds, kernelSeconds,
                    switches, floor);
        }
    }

    /** Operations done, and the CPU seconds they took. */
    private record Cost(ClosedLoopLoad.Result result, double serverSeconds, double compilerSeconds,
            double collectorSeconds, double databaseSeconds, double kernelSeconds, long contextSwitches,
            SignatureFloor.Windows floor) {

        static final Cost NONE = new Cost(null, 0, 0, 0, 0, 0, 0, SignatureFloor.Windows.NONE);

        Cost plus(Cost other) {
            return new Cost(result == null ? other.result : result.plus(other.result),
                    serverSeconds + other.serverSeconds, compilerSeconds + other.compilerSeconds,
                    collectorSeconds + other.collectorSeconds, databaseSeconds + other.databaseSeconds,
                    kernelSeconds + other.kernelSeconds, contextSwitches + other.contextSwitches,
                    floor.plus(other.floor));
        }

        /** The kernel's share: system calls, the network stack, waking the threads a request passes through. */
        double kernelMicros() {
            return kernelSeconds / result.ok() * 1e6;
        }

        double switchesPerOperation() {
            return (double) contextSwitches / result.ok();
        }

        double serverMicros() {
            return serverSeconds / result.ok() * 1e6;
        }

        /** The server's JIT compilers' share: warm-up that a server running for hours has long done. */
        double compilerMicros() {
            return compilerSeconds / result.ok() * 1e6;
        }

        /** The garbage collector's share: what the garbage of each operation costs to collect. */
        double collectorMicros() {
            return collectorSeconds / result.ok() * 1e6;
        }

        double databaseMicros() {
            return databaseSeconds / result.ok() * 1e6;
        }

        /** The row of the first table, its floor the windows' mean signature plus {@code hashes} (µs). */
        String row(String database, String algorithm, String operation, double hashes) {
            double total = floor.mean() + hashes;
            return String.format("| %s | %s | %s | %.0f | %.2f | %.2f | %.0f | %.0f | %.0f | %s | %s | %.0f | %.2f "
                    + "| %.2f | %d |%n", database, algorithm, operation, result.throughput(),
                    result.latencies().getValueAtPercentile(50) / 1000.0,
                    result.latencies().getValueAtPercentile(99) / 1000.0, serverMicros(), compilerMicros(),
                    collectorMicros(),
                    databaseSeconds == 0 ? "in the server" : String.format("%.0f", databaseMicros()),
                    floor.describe(), total, serverMicros() / total, (serverMicros() - compilerMicros()) / total,
                    result.failed());
        }
    }

    /**
     * The run mode's embedded H2 (inside the server, whose CPU then includes it), or a PostgreSQL of the benchmark's
     * own that flushes each commit as a production one does.
     */
    private interface Database extends AutoCloseable {

        Map<String, String> environment();

        double cpuSeconds();

        /** Client connections open to the database now, apart from the one asking. */
        int connections() throws SQLException;

        /** Statements of the benchmark's own, on the server's database; PostgreSQL's only. */
        void execute(String... statements) throws SQLException;

        @Override
        void close() throws IOException;

        static Database start(String name) throws IOException {
            return start(name, "postgres");
        }

        /** A database whose PostgreSQL data, if any, is in a directory of this name under the benchmark's. */
        static Database start(String name, String directory) throws IOException {
            if ("h2".equals(name)) {
                return new Database() {
                    public Map<String, String> environment() {
                        return Map.of();
                    }

                    public double cpuSeconds() {
                        return 0;
                    }

                    public int connections() {
                        return 0;
                    }

                    public void execute(String... statements) {
                        throw new UnsupportedOperationException("the run mode's H2 is inside the server");
                    }

                    public void close() {
                    }
                };
            }
            Path data = DIRECTORY.resolve(directory);
            // zonky turns synchronous_commit off for speed; a production database flushes each commit.
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPort(ServerProcess.freePort())
                    .setServerConfig("synchronous_commit", "on").setDataDirectory(data).setCleanDataDirectory(true)
                    .start();
            long postmaster = ProcessCpu.postmaster(data);
            return new Database() {
                public Map<String, String> environment() {
                    return Map.of("AUTH_DB_URL", postgres.getJdbcUrl("postgres", "postgres"), "AUTH_DB_USER",
                            "postgres", "AUTH_DB_PASSWORD", "postgres");
                }

                public double cpuSeconds() {
                    return ProcessCpu.withChildren(postmaster);
                }

                public int connections() throws SQLException {
                    try (Connection connection = postgres.getPostgresDatabase().getConnection();
                            ResultSet count = connection.createStatement().executeQuery("SELECT count(*) FROM "
                                    + "pg_stat_activity WHERE backend_type = 'client backend' "
                                    + "AND pid <> pg_backend_pid()")) {
                        count.next();
                        return count.getInt(1);
                    }
                }

                public void execute(String... statements) throws SQLException {
                    try (Connection connection = postgres.getPostgresDatabase().getConnection();
                            Statement statement = connection.createStatement()) {
                        for (String sql : statements) {
                            statement.execute(sql);
                        }
                    }
                }

                public void close() throws IOException {
                    postgres.close();
                }
            };
        }
    }
}
