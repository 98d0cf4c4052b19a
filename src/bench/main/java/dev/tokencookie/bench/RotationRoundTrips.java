package dev.tokencookie.bench;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Bench-only: a rotation's round trips to the database in plain JDBC, in a JTA transaction of their own, so that what
 * calls them signs after the commit, as the refresh endpoint does. The pool's check of the connection, a read with
 * the transaction's start, two updates of the client's own rows (a rotation's touch and consume), two inserts (its
 * seal and its token), the commit. The tables are the benchmark's ({@code OperationBenchmark} creates them).
 */
@ApplicationScoped
public class RotationRoundTrips {

    /** Where a client's second row starts, as a rotation's token row is another row than its session's. */
    static final int SECOND_ROW = 100_000;

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource data;

    /** @return what the read found, so that nothing is optimised away */
    @Transactional
    public long run(int client) throws SQLException {
        try (Connection connection = data.getConnection()) {
            long read;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT n, CURRENT_TIMESTAMP FROM BENCH_ROW WHERE id = ?")) {
                select.setInt(1, client);
                try (ResultSet row = select.executeQuery()) {
                    read = row.next() ? row.getLong(1) : -1;
                }
            }
            for (int id : new int[] {client, SECOND_ROW + client}) {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE BENCH_ROW SET n = n + 1 WHERE id = ?")) {
                    update.setInt(1, id);
                    update.executeUpdate();
                }
            }
            for (int insert = 0; insert < 2; insert++) {
                try (PreparedStatement add = connection.prepareStatement(
                        "INSERT INTO BENCH_LOG (id, row_id) VALUES (?, ?)")) {
                    add.setString(1, UUID.randomUUID().toString());
                    add.setInt(2, client);
                    add.executeUpdate();
                }
            }
            return read;
        }
    }
}
