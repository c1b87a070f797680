package dev.envsweep.core.meta;

import static dev.envsweep.core.meta.CancelStatementTest.rows;
import static dev.envsweep.core.testing.Postgres.exec;
import static dev.envsweep.core.testing.Postgres.strings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envsweep.core.testing.Postgres;
import dev.envsweep.core.testing.SqlMeshState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client's CLEANUP streams: the rows of committed batches reach the client while later batches are still
 * being dropped, the statement stays listed in {@code sys.sessions} until the cleanup ends, and the rows are the
 * ones recorded in the history, in order, none twice.
 */
class StreamedCleanupTest {
  /**
   * Many batches (at most 50 environments each), and more rows (two per environment) than the first frame holds
   * (1,000: it waits to be full), so that rows are read before the last batches have run.
   */
  static final int ENVIRONMENTS = 600;
  static final String BLOCKED = "e550";

  @TempDir Path dir;
  String url;
  Connection pg;
  String jdbc;

  @BeforeEach
  void database() throws Exception {
    url = Postgres.freshDatabase("streamed");
    pg = Postgres.connect(url);
    SqlMeshState.expiredSchemaEnvironments(pg, "streamed", ENVIRONMENTS, "e%03d");
    Path config = dir.resolve("envsweep.yaml");
    Files.writeString(config, """
        gateways:
          warehouse:
            url: %s
            user: postgres
        """.formatted(url));
    jdbc = "jdbc:envsweep:" + config;
  }

  @AfterEach
  void close() throws Exception {
    pg.close();
  }

  @Test
  void rowsOfCommittedBatchesArriveWhileLaterOnesAreStillDropped() throws Exception {
    List<String> seen = new ArrayList<>();
    try (Connection client = DriverManager.getConnection(jdbc);
        Connection operator = DriverManager.getConnection(jdbc);
        Connection blocker = Postgres.connect(url)) {
      blocker.setAutoCommit(false);
      exec(blocker, "LOCK TABLE s__" + BLOCKED + ".m IN ACCESS SHARE MODE");
      try (Statement s = client.createStatement(); ResultSet rs = s.executeQuery("CLEANUP EXPIRED ENVIRONMENTS")) {
        // The first frame's rows are here while the lock is held, so before e550 can have been dropped; and
        // the cleanup does reach e550 and wait there.
        assertThat(rs.next()).isTrue();
        seen.add(rs.getString("environment") + " " + rs.getString("status"));
        for (int i = 0; strings(pg, "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE "
            + "'DROP SCHEMA%'").isEmpty(); i++) {
          assertThat(i).as("the cleanup's drop of " + BLOCKED + " waits for the lock").isLessThan(400);
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(25));
        }
        assertThat(strings(pg, "SELECT count(*) FROM sqlmesh._environments WHERE name = '" + BLOCKED + "'"))
            .containsExactly("1");
        assertThat(rows(operator, "SELECT statement FROM sys.sessions WHERE statement LIKE 'CLEANUP%'"))
            .as("still running, so still listed").containsExactly(List.of("CLEANUP EXPIRED ENVIRONMENTS"));
        blocker.rollback();
        while (rs.next()) {
          seen.add(rs.getString("environment") + " " + rs.getString("status"));
        }
      }
      // Over: no longer listed, every environment dropped and deleted once, in the order recorded.
      awaitNotListed(operator);
      String runId = rows(operator, "SELECT run_id FROM sys.cleanup_history WHERE environment = 'e000'").get(0).get(0);
      List<String> recorded = new ArrayList<>();
      for (List<String> r : rows(operator, "SELECT environment, status FROM sys.cleanup_history WHERE run_id = '"
          + runId + "' ORDER BY at, environment, object_kind DESC")) {
        recorded.add(r.get(0) + " " + r.get(1));
      }
      assertThat(seen).hasSize(2 * ENVIRONMENTS).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(recorded);
      assertThat(seen.subList(0, 2)).containsExactly("e000 DROPPED", "e000 DELETED");
    }
    assertThat(strings(pg, "SELECT count(*) FROM sqlmesh._environments")).containsExactly("0");
  }

  @Test
  void aFailureAfterTheFirstRowsIsAnSqlExceptionWithItsSqlstate() throws Exception {
    // The last environment's schema holds a table the ownership guard will not drop: it fails, after 1,000 rows.
    exec(pg, "DROP SCHEMA s__e599 CASCADE", "CREATE SCHEMA s__e599", "CREATE TABLE s__e599.m (x INT)");
    List<String> seen = new ArrayList<>();
    java.sql.SQLException failed;
    try (Connection client = DriverManager.getConnection(jdbc); Statement s = client.createStatement();
        ResultSet rs = s.executeQuery("CLEANUP EXPIRED ENVIRONMENTS")) {
      failed = org.assertj.core.api.Assertions.catchThrowableOfType(() -> {
        while (rs.next()) {
          seen.add(rs.getString("environment"));
        }
      }, java.sql.SQLException.class);
    }
    assertThat(seen).hasSizeGreaterThanOrEqualTo(1_000);
    assertThat((Throwable) failed).as("the cleanup ends in an error").isNotNull();
    assertThat(failed.getSQLState()).isEqualTo("58000");
    assertThat(failed.getMessage()).contains("e599").contains("run_id=");
    assertThat(strings(pg, "SELECT name FROM sqlmesh._environments")).containsExactly("e599");
  }

  private static void awaitNotListed(Connection operator) throws Exception {
    for (int i = 0; i < 200; i++) {
      if (rows(operator, "SELECT 1 FROM sys.sessions WHERE statement LIKE 'CLEANUP%'").isEmpty()) {
        return;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(25));
    }
    throw new AssertionError("the cleanup is still listed in sys.sessions");
  }
}
