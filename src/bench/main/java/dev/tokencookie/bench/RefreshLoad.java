package dev.tokencookie.bench;

import dev.tokencookie.it.deployed.TestUsers;
import dev.tokencookie.it.support.Api;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Refresh rotations on PostgreSQL with concurrent sessions, each presenting the cookie it got last, once with about
 * ten thousand rows in the token table and once with about a million, alternating; and the plan of the token lookup.
 */
final class RefreshLoad {

    private static final int SMALL = 10_000;
    private static final int LARGE = 1_000_000;
    private static final String FILLER = "filler-";

    private final Api api;
    private final Connection database;

    RefreshLoad(Api api, Connection database) {
        this.api = api;
        this.database = database;
    }

    String run(int clients, Duration round, int rounds) throws SQLException, InterruptedException {
        database.setAutoCommit(true);
        String[] cookies = new String[clients];
        for (int i = 0; i < clients; i++) {
            cookies[i] = api.login(TestUsers.USER, TestUsers.USER_PASSWORD).refreshCookie().value();
        }
        Map<Integer, ClosedLoopLoad.Result> results = new TreeMap<>();
        StringBuilder rows = new StringBuilder();
        String plan = "";
        // Round 0 warms up; then the two sizes alternate, so that drift of the machine hits both alike.
        for (int r = 0; r <= rounds; r++) {
            for (int size : new int[] {SMALL, LARGE}) {
                fillTo(size);
                long before = count();
                ClosedLoopLoad.Result result = ClosedLoopLoad.run(clients, round, i -> () -> {
                    Api.Reply reply = api.withCookie("api/auth/refresh", cookies[i]);
                    if (reply.status() != 200) {
                        // Counted as failed; a new login keeps the client from replaying a dead cookie.
                        cookies[i] = api.login(TestUsers.USER, TestUsers.USER_PASSWORD).refreshCookie().value();
                        return false;
                    }
                    cookies[i] = reply.refreshCookie().value();
                    return true;
                });
                if (r > 0) {
                    results.merge(size, result, ClosedLoopLoad.Result::plus);
                    rows.append(String.format("- round %d, %,d target: %,d rows before, %,d after%n",
                            r, size, before, count()));
                }
                if (size == LARGE && r == rounds) {
                    plan = explainLookup();
                }
            }
        }
        StringBuilder table = new StringBuilder("## Refresh on PostgreSQL\n\n")
                .append(clients).append(" clients, each refreshing its own session in a closed loop; ").append(rounds)
                .append(" rounds of ").append(round.toSeconds()).append(" s per table size after one warm-up round, ")
                .append("sizes alternating. Rows in AUTH_REFRESH_TOKEN:\n\n").append(rows).append('\n')
                .append("| rows in the token table | rotations/s | p50 ms | p99 ms | failed |\n")
                .append("|---|---|---|---|---|\n");
        results.forEach((size, result) -> table.append(String.format("| about %,d | %.0f | %.2f | %.2f | %d |%n",
                size, result.throughput(), result.latencies().getValueAtPercentile(50) / 1000.0,
                result.latencies().getValueAtPercentile(99) / 1000.0, result.failed())));
        double ratio = results.get(LARGE).latencies().getValueAtPercentile(99)
                / (double) results.get(SMALL).latencies().getValueAtPercentile(99);
        return table.append(String.format("%np99 at a million rows / p99 at ten thousand: %.2f%n%n", ratio))
                .append("The token lookup at a million rows (`EXPLAIN (ANALYZE, BUFFERS)`):\n\n```\n").append(plan)
                .append("```\n").toString();
    }

    /** Adds or removes filler rows (live sessions of other users) so the token table holds about this many rows. */
    private void fillTo(int target) throws SQLException {
        // The bench sessions' own consumed tokens, once past the reuse leeway, would pile up by thousands and blur the
        // two sizes; a replay of one would now be unknown rather than reuse, which is no matter here.
        try (Statement statement = database.createStatement()) {
            statement.execute("DELETE FROM AUTH_REFRESH_TOKEN WHERE STATE = 'CONSUMED' AND ID NOT LIKE '" + FILLER
                    + "%' AND CONSUMED_AT < " + (System.currentTimeMillis() - Duration.ofSeconds(15).toMillis()));
        }
        long real = count() - fillers();
        long wanted = Math.max(0, target - real);
        long fillers = fillers();
        try (Statement statement = database.createStatement()) {
            if (fillers > wanted) {
                statement.execute("DELETE FROM AUTH_REFRESH_TOKEN WHERE ID LIKE '" + FILLER + "%'");
                statement.execute("DELETE FROM AUTH_REFRESH_FAMILY WHERE ID LIKE '" + FILLER + "%'");
                // Rewritten, so the small table's index is small again rather than a large one with dead pages.
                statement.execute("VACUUM FULL AUTH_REFRESH_TOKEN");
                statement.execute("VACUUM FULL AUTH_REFRESH_FAMILY");
                fillers = 0;
            }
            if (fillers < wanted) {
                long now = System.currentTimeMillis();
                // One login per five tokens, as rotation leaves consumed tokens behind each live one.
                statement.execute("INSERT INTO AUTH_REFRESH_FAMILY (ID, USERNAME, GROUPS_JSON, USER_AGENT, CREATED_AT,"
                        + " LAST_USED_AT, EXPIRES_AT) SELECT DISTINCT '" + FILLER + "f' || (g / 5), 'user-' || (g / 5),"
                        + " '[\"user\"]', 'bench', " + now + ", " + now + ", " + (now + Duration.ofDays(14).toMillis())
                        + " FROM generate_series(" + (fillers + 1) + ", " + wanted + ") g ON CONFLICT DO NOTHING");
                statement.execute("INSERT INTO AUTH_REFRESH_TOKEN (ID, TOKEN_HASH, FAMILY_ID, ISSUED_AT, STATE,"
                        + " CONSUMED_AT) SELECT '" + FILLER + "' || g, encode(sha256(('" + FILLER + "' || g)::bytea),"
                        + " 'base64'), '" + FILLER + "f' || (g / 5), " + now + ", CASE WHEN g % 5 = 0 THEN 'ACTIVE'"
                        + " ELSE 'CONSUMED' END, CASE WHEN g % 5 = 0 THEN NULL ELSE " + now + " END"
                        + " FROM generate_series(" + (fillers + 1) + ", " + wanted + ") g");
            }
            statement.execute("VACUUM ANALYZE AUTH_REFRESH_TOKEN");
            statement.execute("VACUUM ANALYZE AUTH_REFRESH_FAMILY");
        }
    }

    private String explainLookup() throws SQLException {
        List<String> lines = new ArrayList<>();
        try (PreparedStatement explain = database.prepareStatement(
                "EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM AUTH_REFRESH_TOKEN WHERE TOKEN_HASH = ?")) {
            explain.setString(1, hashOfFiller(LARGE / 2));
            try (ResultSet plan = explain.executeQuery()) {
                while (plan.next()) {
                    lines.add(plan.getString(1));
                }
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private String hashOfFiller(int n) throws SQLException {
        try (PreparedStatement hash = database.prepareStatement("SELECT encode(sha256(?::bytea), 'base64')")) {
            hash.setString(1, FILLER + n);
            try (ResultSet result = hash.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        }
    }

    private long count() throws SQLException {
        return single("SELECT count(*) FROM AUTH_REFRESH_TOKEN");
    }

    private long fillers() throws SQLException {
        return single("SELECT count(*) FROM AUTH_REFRESH_TOKEN WHERE ID LIKE '" + FILLER + "%'");
    }

    private long single(String query) throws SQLException {
        try (Statement statement = database.createStatement(); ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }
}
