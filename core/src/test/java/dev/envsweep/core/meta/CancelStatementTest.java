package dev.envsweep.core.meta;

import static dev.envsweep.core.testing.Postgres.exec;
import static dev.envsweep.core.testing.Postgres.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.envsweep.core.testing.Postgres;
import dev.envsweep.core.testing.SqlMeshState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sys.sessions} and {@code CALL sys.cancel_statement} on a real PostgreSQL: one connection stops what
 * another is running, as {@code pg_cancel_backend} does. A CLEANUP stops between environments, with what it did
 * committed and recorded and nothing half-done.
 */
class CancelStatementTest {
  static final int ENVIRONMENTS = 6;

  @TempDir Path dir;
  String url;
  Connection pg;
  String jdbc;
  final ExecutorService runner = Executors.newSingleThreadExecutor();

  @BeforeEach
  void database() throws Exception {
    url = Postgres.freshDatabase("cancel");
    pg = Postgres.connect(url);
    SqlMeshState.expiredSchemaEnvironments(pg, "cancel", ENVIRONMENTS, "e%02d");
    Path config = dir.resolve("envsweep.yaml");
    Files.writeString(config, """
        gateways:
          warehouse:
            url: %s
            user: postgres
            max_parallel_drops: 1
        """.formatted(url));
    jdbc = "jdbc:envsweep:" + config;
  }

  @AfterEach
  void close() throws SQLException {
    runner.shutdownNow();
    pg.close();
  }

  @Test
  void aCleanupStoppedFromAnotherConnectionStopsBetweenEnvironmentsWithWhatItDidRecorded() throws Exception {
    Future<SQLException> cleanup;
    try (Connection janitor = DriverManager.getConnection(jdbc);
        Connection operator = DriverManager.getConnection(jdbc);
        Connection blocker = Postgres.connect(url)) {
      // The second environment's drop waits for this lock, so the cleanup is surely running when it is stopped.
      blocker.setAutoCommit(false);
      exec(blocker, "LOCK TABLE s__e01.m IN ACCESS SHARE MODE");
      cleanup = runner.submit(() -> catchThrowableOfType(() -> rows(janitor, "CLEANUP EXPIRED ENVIRONMENTS"),
          SQLException.class));
      awaitWaitingDrop();

      List<List<String>> sessions = rows(operator, "SELECT session_id, \"user\", remote_address, statement, "
          + "elapsed_ms FROM sys.sessions WHERE statement LIKE 'CLEANUP%'");
      assertThat(sessions).hasSize(1);
      assertThat(sessions.get(0).get(2)).isEqualTo("in-process");
      assertThat(sessions.get(0).get(3)).isEqualTo("CLEANUP EXPIRED ENVIRONMENTS");
      assertThat(Long.parseLong(sessions.get(0).get(4))).isNotNegative();
      try (PreparedStatement cancel = operator.prepareStatement("CALL sys.cancel_statement(?)")) {
        cancel.setString(1, sessions.get(0).get(0));
        List<List<String>> stopped = rows(cancel.executeQuery());
        assertThat(stopped).hasSize(1);
        assertThat(stopped.get(0).subList(2, 6)).containsExactly("SESSION", sessions.get(0).get(0),
            "CLEANUP EXPIRED ENVIRONMENTS", "CANCELLED");
      }
      // The drop under way finishes; nothing after it starts.
      blocker.rollback();

      SQLException stopped = cleanup.get(30, TimeUnit.SECONDS);
      assertThat(stopped.getSQLState()).isEqualTo("57014");
      assertThat(stopped.getMessage()).contains("canceling statement due to user request")
          .contains("stopped before environment 'e02'").contains("run_id=");
      String runId = stopped.getMessage().replaceAll("(?s).*run_id=([0-9a-f-]{36}).*", "$1");

      assertThat(strings(pg, "SELECT name FROM sqlmesh._environments ORDER BY name"))
          .containsExactly("e02", "e03", "e04", "e05");
      assertThat(strings(pg, "SELECT nspname FROM pg_namespace WHERE nspname LIKE 's\\_\\_e%' ORDER BY 1"))
          .containsExactly("s__e02", "s__e03", "s__e04", "s__e05");
      assertThat(rows(operator, "SELECT environment, object_kind, status FROM sys.cleanup_history WHERE run_id = '"
          + runId + "' ORDER BY at, environment, object_kind DESC")).containsExactly(
          List.of("e00", "SCHEMA", "DROPPED"), List.of("e00", "ENVIRONMENT", "DELETED"),
          List.of("e01", "SCHEMA", "DROPPED"), List.of("e01", "ENVIRONMENT", "DELETED"));
      // The stopped connection is as usable as before, and a second cleanup takes up the rest.
      assertThat(rows(janitor, "SELECT count(*) FROM sys.sessions")).containsExactly(List.of("2"));
      assertThat(rows(janitor, "CLEANUP EXPIRED ENVIRONMENTS")).extracting(r -> r.get(0)).containsOnly("e02",
          "e03", "e04", "e05");
    }
  }

  @Test
  void aForwardedStatementIsStoppedAndItsConnectionStaysUsable() throws Exception {
    try (Connection busy = DriverManager.getConnection(jdbc);
        Connection operator = DriverManager.getConnection(jdbc)) {
      long start = System.nanoTime();
      Future<SQLException> sleeping = runner.submit(() -> catchThrowableOfType(
          () -> rows(busy, "SELECT pg_sleep(30)"), SQLException.class));
      String session = null;
      for (int i = 0; i < 200 && session == null; i++) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(25));
        List<List<String>> running = rows(operator,
            "SELECT session_id FROM sys.sessions WHERE statement = 'SELECT pg_sleep(30)'");
        session = running.isEmpty() ? null : running.get(0).get(0);
      }
      assertThat(session).isNotNull();
      assertThat(rows(operator, "CALL sys.cancel_statement('" + session + "')").get(0).get(5))
          .isEqualTo("CANCELLED");
      SQLException stopped = sleeping.get(10, TimeUnit.SECONDS);
      assertThat(stopped.getSQLState()).isEqualTo("57014");
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
      assertThat(rows(busy, "SELECT 1")).containsExactly(List.of("1"));
      // An idle session has nothing to stop; an unknown one is an error naming it.
      assertThat(rows(operator, "CALL sys.cancel_statement(session_id => '" + session + "')").get(0).get(5))
          .isEqualTo("SKIPPED");
      SQLException unknown = catchThrowableOfType(() -> rows(operator, "CALL sys.cancel_statement('nope')"),
          SQLException.class);
      assertThat(unknown.getSQLState()).isEqualTo("42704");
      assertThat(unknown.getMessage()).contains("session 'nope' does not exist");
    }
  }

  /** Polls PostgreSQL (10 s at most) until a DROP waits on the test's lock. */
  private void awaitWaitingDrop() throws SQLException {
    for (int i = 0; i < 400; i++) {
      if (!strings(pg, "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'DROP %'")
          .isEmpty()) {
        return;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(25));
    }
    throw new AssertionError("no drop waited on the lock");
  }

  static List<List<String>> rows(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      return rows(s.executeQuery(sql));
    }
  }

  static List<List<String>> rows(ResultSet rs) throws SQLException {
    List<List<String>> out = new ArrayList<>();
    try (rs) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getString(i));
        }
        out.add(row);
      }
    }
    return out;
  }
}
