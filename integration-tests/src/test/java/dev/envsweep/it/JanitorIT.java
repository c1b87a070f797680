package dev.envsweep.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code janitor.schedule} in {@code serve}: expired environments disappear with no client statement, the
 * rounds are in sys.cleanup_history and in the log, and two servers on one PostgreSQL state store never run
 * rounds at the same time.
 */
class JanitorIT {
  static final int EXPIRED = 60;

  @TempDir Path dir;

  @Test
  void aServerWithAScheduleCleansOnItsOwnAndSaysSo() throws Exception {
    ServerProcess.writeConfig(dir, """
        state_store:
          create: true
        gateways:
          local:
            url: jdbc:duckdb:%s
        janitor:
          schedule: 1s
        """.formatted(dir.resolve("wh.duckdb")));
    try (ServerProcess server = ServerProcess.serve(dir, "protobuf", "--config", dir.resolve("envsweep.yaml")
        .toString()); Connection c = server.connect()) {
      Project project = new Project(c, "wh", dir);
      project.physicalTables();
      project.environment("live", "schema", EndToEndTests.FUTURE);
      project.environment("old", "schema", EndToEndTests.FUTURE);
      assertThat(Sql.rows(c, "INVALIDATE ENVIRONMENT old")).extracting(r -> r.get(5)).containsExactly("INVALIDATED");

      waitUntil(() -> project.environments().equals(List.of("live")));
      assertThat(project.views()).doesNotContain("sales__old.orders").contains("sales__live.orders");
      waitUntil(() -> server.stderr().contains("janitor: round done: 1/1 environment(s)"));
      assertThat(server.stderr()).contains("janitor: a cleanup round now and every 1s");
      assertThat(Sql.rows(c, "SELECT DISTINCT server FROM sys.cleanup_history WHERE environment = 'old' "
          + "AND status IN ('DROPPED', 'DELETED')"))
          .singleElement().satisfies(r -> assertThat(r.get(0)).startsWith("janitor@"));
      // Clients are served between rounds as ever.
      assertThat(Sql.rows(c, "SELECT name FROM sys.environments")).containsExactly(List.of("live"));
    }
  }

  @Test
  void twoServersOnOneStateStoreNeverRunRoundsAtTheSameTime() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      try (Connection c = pg.getPostgresDatabase().getConnection()) {
        Sql.exec(c, "CREATE DATABASE wh");
      }
      String url = pg.getJdbcUrl("postgres", "wh");
      try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
        fixture(c);
      }
      ServerProcess.writeConfig(dir, """
          gateways:
            warehouse:
              url: %s
              user: postgres
          janitor:
            schedule: 1s
            page_size: 5
          """.formatted(url));
      String config = dir.resolve("envsweep.yaml").toString();
      try (ServerProcess a = ServerProcess.serve(dir, "protobuf", "--config", config);
          ServerProcess b = ServerProcess.serve(dir, "protobuf", "--config", config);
          Connection pgc = DriverManager.getConnection(url, "postgres", "")) {
        // Expire them only now, with both janitors running, so both have work to compete for.
        try (Connection c = a.connect()) {
          Sql.rows(c, "INVALIDATE ENVIRONMENTS LIKE 'e%'");
        }
        waitUntil(() -> Sql.strings(pgc, "SELECT count(*) FROM sqlmesh._environments").equals(List.of("1")));
        assertThat(Sql.strings(pgc, "SELECT name FROM sqlmesh._environments")).containsExactly("live");
        assertThat(Sql.strings(pgc, "SELECT count(*) FROM information_schema.schemata WHERE schema_name LIKE "
            + "'s\\_\\_e%'")).containsExactly("0");
        assertThat(Sql.strings(pgc, "SELECT environment FROM envsweep.cleanup_history WHERE status = 'DELETED' "
            + "GROUP BY environment HAVING count(*) <> 1")).isEmpty();
        assertThat(Sql.strings(pgc, "SELECT count(DISTINCT environment) FROM envsweep.cleanup_history "
            + "WHERE status = 'DELETED' AND server LIKE 'janitor@%'")).containsExactly(String.valueOf(EXPIRED));

        // Each janitor run's span of recorded rows; no two runs' spans overlap.
        List<long[]> spans = new ArrayList<>();
        try (PreparedStatement ps = pgc.prepareStatement("SELECT min(at_ms), max(at_ms) FROM "
            + "envsweep.cleanup_history WHERE server LIKE 'janitor@%' GROUP BY run_id ORDER BY 1");
            java.sql.ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            spans.add(new long[] {rs.getLong(1), rs.getLong(2)});
          }
        }
        assertThat(spans).isNotEmpty();
        for (int i = 1; i < spans.size(); i++) {
          assertThat(spans.get(i)[0]).as("run %d starts after run %d ended", i, i - 1)
              .isGreaterThanOrEqualTo(spans.get(i - 1)[1]);
        }
        assertThat(a.stderr() + b.stderr()).contains("janitor: round done");
      }
    }
  }

  private static void fixture(Connection c) throws Exception {
    Sql.exec(c, "CREATE SCHEMA sqlmesh__s", "CREATE TABLE sqlmesh__s.m_1 AS SELECT 1 AS id", "CREATE SCHEMA sqlmesh",
        Sql.ENVIRONMENTS_DDL, Sql.ENVIRONMENT_STATEMENTS_DDL);
    StringBuilder ddl = new StringBuilder("CREATE SCHEMA s__live; CREATE VIEW s__live.m AS SELECT * FROM sqlmesh__s.m_1;");
    for (int i = 0; i < EXPIRED; i++) {
      String s = String.format("s__e%03d", i);
      ddl.append("CREATE SCHEMA ").append(s).append("; CREATE VIEW ").append(s).append(".m AS SELECT * FROM ")
          .append("sqlmesh__s.m_1;");
    }
    Sql.exec(c, ddl.toString());
    String snapshots = "[" + PostgresEndToEndIT.snapshot("\"wh\".\"s\".\"m\"", "FULL", null) + "]";
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO sqlmesh._environments (name, snapshots, start_at, "
        + "plan_id, expiration_ts, suffix_target, normalize_name, requirements, gateway_managed) VALUES "
        + "(?, ?, 'x', 'p', 4000000000000, 'schema', TRUE, '{}', FALSE)")) {
      for (int i = 0; i < EXPIRED; i++) {
        ps.setString(1, String.format("e%03d", i));
        ps.setString(2, snapshots);
        ps.addBatch();
      }
      ps.setString(1, "live");
      ps.setString(2, snapshots);
      ps.addBatch();
      ps.executeBatch();
    }
  }

  interface Check {
    boolean holds() throws Exception;
  }

  /** Polls a condition the janitor will make true (a round runs every second); fails after a minute. */
  static void waitUntil(Check check) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!check.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not reached within 60 s");
      }
      Thread.sleep(100);
    }
  }
}
