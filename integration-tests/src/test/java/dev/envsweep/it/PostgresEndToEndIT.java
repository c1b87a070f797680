package dev.envsweep.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A real deployment's shape: SQLMesh's state and a warehouse in PostgreSQL, a second warehouse in a DuckDB file,
 * and a third gateway that is down; the server process reached through the stock Avatica driver.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresEndToEndIT {
  static final long PAST = 1_000L;
  static final String FULL = "\"mydb\".\"sqlmesh_example\".\"full_model\"";
  static final String LAKE = "\"lake\".\"events\".\"clicks\"";

  EmbeddedPostgres postgres;
  Path dir;
  String pgUrl;
  ServerProcess server;

  @BeforeAll
  void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE mydb");
    }
    pgUrl = postgres.getJdbcUrl("postgres", "mydb");
    dir = Files.createTempDirectory("envsweep-pg-it-");
    fixtures();
    int closed = ServerProcess.freePort();
    ServerProcess.writeConfig(dir, """
        state_store:
          url: %s
          user: ${env:STATE_USER}
        default_gateway: warehouse
        gateways:
          warehouse:
            url: %s
            user: postgres
          lake:
            url: jdbc:duckdb:%s
          down:
            url: jdbc:postgresql://127.0.0.1:%d/gone
            user: postgres
            connection_timeout_ms: 500
        """.formatted(pgUrl, pgUrl, dir.resolve("lake.duckdb"), closed));
    server = ServerProcess.serve(dir, "protobuf", java.util.Map.of("STATE_USER", "postgres"), "--config",
        dir.resolve("envsweep.yaml").toString());
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    postgres.close();
  }

  /** SQLMesh's state (schema version 101) in PostgreSQL, and each environment's objects where SQLMesh put them. */
  private void fixtures() throws Exception {
    try (Connection pg = DriverManager.getConnection(pgUrl, "postgres", "")) {
      Sql.exec(pg, "CREATE SCHEMA sqlmesh__sqlmesh_example",
          "CREATE TABLE sqlmesh__sqlmesh_example.full_1 AS SELECT 1 AS id",
          "CREATE SCHEMA sqlmesh_example", "CREATE VIEW sqlmesh_example.full_model AS SELECT * FROM sqlmesh__sqlmesh_example.full_1",
          "CREATE SCHEMA sqlmesh_example__pg_schema",
          "CREATE VIEW sqlmesh_example__pg_schema.full_model AS SELECT * FROM sqlmesh__sqlmesh_example.full_1",
          "CREATE VIEW sqlmesh_example.full_model__pg_table AS SELECT * FROM sqlmesh__sqlmesh_example.full_1",
          "CREATE SCHEMA sqlmesh_example__feature_x_1",
          "CREATE VIEW sqlmesh_example__feature_x_1.full_model AS SELECT * FROM sqlmesh__sqlmesh_example.full_1",
          "CREATE SCHEMA sqlmesh_example__managed",
          "CREATE VIEW sqlmesh_example__managed.full_model AS SELECT * FROM sqlmesh__sqlmesh_example.full_1",
          "CREATE SCHEMA sqlmesh_example__overridden",
          "CREATE VIEW sqlmesh_example__overridden.full_model AS SELECT * FROM sqlmesh__sqlmesh_example.full_1",
          "CREATE SCHEMA sqlmesh",
          Sql.ENVIRONMENTS_DDL, Sql.ENVIRONMENT_STATEMENTS_DDL,
          "CREATE TABLE sqlmesh._versions (schema_version INT, sqlglot_version TEXT, sqlmesh_version TEXT)",
          "INSERT INTO sqlmesh._versions VALUES (101, '30.2.1', '0.233.0')");
      String withSymbolic = list(snapshot(FULL, "FULL", null), snapshot("\"mydb\".\"raw\".\"ext\"", "EXTERNAL", null),
          snapshot("\"mydb\".\"sqlmesh_example\".\"emb\"", "EMBEDDED", null));
      env(pg, "prod", withSymbolic, null, "schema", null, false);
      env(pg, "pg_schema", withSymbolic, PAST, "schema", null, false);
      env(pg, "pg_table", withSymbolic, PAST, "table", null, false);
      env(pg, "pg_catalog", withSymbolic, PAST, "catalog", null, false);
      env(pg, "overridden", withSymbolic, PAST, "schema", "mydb", false);
      env(pg, "feature_x_1", withSymbolic, 4_000_000_000_000L, "schema", null, false);
      env(pg, "managed", list(snapshot(FULL, "FULL", null), snapshot(LAKE, "INCREMENTAL_BY_TIME_RANGE", "lake")),
          PAST, "schema", null, true);
      env(pg, "far", list(snapshot("\"gone\".\"s\".\"m\"", "FULL", "down")), PAST, "schema", null, true);
    }
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("lake.duckdb"))) {
      Sql.exec(duck, "CREATE SCHEMA sqlmesh__events", "CREATE TABLE sqlmesh__events.clicks_1 AS SELECT 1 AS id",
          "CREATE SCHEMA events__managed", "CREATE VIEW events__managed.clicks AS SELECT * FROM sqlmesh__events.clicks_1");
    }
  }

  @Test
  void cleanupOnPostgresAndDuckDbGatewaysWithOneGatewayDown() throws Exception {
    try (Connection c = server.connect()) {
      // Sanitised names: 'Feature/X-1' is feature_x_1, as SQLMesh stores it.
      assertThat(Sql.rows(c, "INVALIDATE ENVIRONMENT 'Feature/X-1'")).extracting(r -> r.get(0), r -> r.get(5))
          .containsExactly(tuple("feature_x_1", "INVALIDATED"));

      List<List<String>> plan = Sql.rows(c, "EXPLAIN CLEANUP EXPIRED ENVIRONMENTS");
      assertThat(plan).extracting(r -> r.get(0), r -> r.get(1), r -> r.get(4)).contains(
          tuple("managed", "warehouse", "DROP SCHEMA IF EXISTS \"sqlmesh_example__managed\" CASCADE"),
          tuple("managed", "lake", "DROP SCHEMA IF EXISTS \"lake\".\"events__managed\" CASCADE"),
          tuple("pg_table", "warehouse", "DROP VIEW IF EXISTS \"sqlmesh_example\".\"full_model__pg_table\""));

      String failure = null;
      try (Statement s = c.createStatement()) {
        s.executeQuery("CLEANUP EXPIRED ENVIRONMENTS");
      } catch (SQLException e) {
        failure = e.getMessage();
        assertThat(e.getSQLState()).isEqualTo("58000");
      }
      assertThat(failure).contains("on down: gateway 'down' (jdbc:postgresql://127.0.0.1:")
          .contains("is unreachable");
      Matcher m = Pattern.compile("run_id=([0-9a-f-]{36})").matcher(failure);
      assertThat(m.find()).isTrue();

      List<List<String>> rows;
      try (PreparedStatement ps = c.prepareStatement("SELECT environment, gateway, object_kind, sql, status "
          + "FROM sys.cleanup_history WHERE run_id = ? ORDER BY environment, \"at\"")) {
        ps.setString(1, m.group(1));
        rows = Sql.rows(ps.executeQuery());
      }
      assertThat(rows).contains(
          List.of("pg_schema", "warehouse", "SCHEMA", "DROP SCHEMA IF EXISTS \"sqlmesh_example__pg_schema\" CASCADE",
              "DROPPED"),
          List.of("pg_table", "warehouse", "VIEW", "DROP VIEW IF EXISTS \"sqlmesh_example\".\"full_model__pg_table\"",
              "DROPPED"),
          List.of("overridden", "warehouse", "SCHEMA",
              "DROP SCHEMA IF EXISTS \"sqlmesh_example__overridden\" CASCADE", "DROPPED"),
          List.of("feature_x_1", "warehouse", "SCHEMA",
              "DROP SCHEMA IF EXISTS \"sqlmesh_example__feature_x_1\" CASCADE", "DROPPED"),
          List.of("managed", "warehouse", "SCHEMA", "DROP SCHEMA IF EXISTS \"sqlmesh_example__managed\" CASCADE",
              "DROPPED"),
          List.of("managed", "lake", "SCHEMA", "DROP SCHEMA IF EXISTS \"lake\".\"events__managed\" CASCADE",
              "DROPPED"));
      assertThat(rows).filteredOn(r -> r.get(0).equals("pg_catalog")).extracting(r -> r.get(2), r -> r.get(4))
          .containsExactly(tuple("CATALOG", "WARNING"), tuple("ENVIRONMENT", "DELETED"));
      assertThat(rows).filteredOn(r -> r.get(0).equals("far")).extracting(r -> r.get(2), r -> r.get(4))
          .containsExactly(tuple("SCHEMA", "FAILED"), tuple("ENVIRONMENT", "FAILED"));
    }

    try (Connection pg = DriverManager.getConnection(pgUrl, "postgres", "")) {
      assertThat(Sql.strings(pg, "SELECT name FROM sqlmesh._environments ORDER BY 1")).containsExactly("far", "prod");
      assertThat(Sql.strings(pg, "SELECT schemaname || '.' || viewname FROM pg_views WHERE schemaname LIKE "
          + "'sqlmesh_example%' ORDER BY 1")).containsExactly("sqlmesh_example.full_model");
      assertThat(Sql.strings(pg, "SELECT count(*) FROM sqlmesh__sqlmesh_example.full_1")).containsExactly("1");
    }
    // The server holds the DuckDB gateway's file only while it works on it.
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("lake.duckdb"))) {
      assertThat(Sql.strings(duck, "SELECT count(*) FROM duckdb_schemas() WHERE schema_name = 'events__managed'"))
          .containsExactly("0");
      assertThat(Sql.strings(duck, "SELECT count(*) FROM sqlmesh__events.clicks_1")).containsExactly("1");
    }
  }

  /**
   * EXPLAIN INVALIDATE, RESTORE, ALTER ENVIRONMENT and bulk invalidation with SQLMesh's state in PostgreSQL.
   * Its own environments (pr_a, pr_b), cleaned by the test itself, so the fixtures of the other test stay as
   * they are.
   */
  @Test
  void expiryStatementsOnAPostgresStateStore() throws Exception {
    String one = list(snapshot(FULL, "FULL", null));
    try (Connection pg = DriverManager.getConnection(pgUrl, "postgres", "")) {
      Sql.exec(pg, "CREATE SCHEMA sqlmesh_example__pr_a",
          "CREATE VIEW sqlmesh_example__pr_a.full_model AS SELECT * FROM sqlmesh__sqlmesh_example.full_1",
          "CREATE SCHEMA sqlmesh_example__pr_b",
          "CREATE VIEW sqlmesh_example__pr_b.full_model AS SELECT * FROM sqlmesh__sqlmesh_example.full_1");
      env(pg, "pr_a", one, 4_000_000_000_000L, "schema", null, false);
      env(pg, "pr_b", one, 4_000_000_000_000L, "schema", null, false);
      Sql.exec(pg, "UPDATE sqlmesh._environments SET finalized_ts = 1700000000000 WHERE name = 'pr_a'",
          "UPDATE sqlmesh._environments SET finalized_ts = (extract(epoch from now()) * 1000)::bigint "
              + "WHERE name = 'pr_b'");
    }
    try (Connection c = server.connect(); Connection pg = DriverManager.getConnection(pgUrl, "postgres", "")) {
      String checksum = "SELECT (SELECT string_agg(name || ':' || coalesce(expiration_ts, -1), ',' ORDER BY name) "
          + "FROM sqlmesh._environments) || '|' || (SELECT count(*) FROM pg_views)";
      List<String> before = Sql.strings(pg, checksum);
      List<List<String>> plan = Sql.rows(c, "EXPLAIN INVALIDATE ENVIRONMENT pr_a SYNC");
      assertThat(plan).extracting(r -> r.get(1), r -> r.get(4), r -> r.get(5)).contains(
          tuple("warehouse", "DROP SCHEMA IF EXISTS \"sqlmesh_example__pr_a\" CASCADE", "PLANNED"));
      assertThat(Sql.rows(c, "EXPLAIN INVALIDATE ENVIRONMENTS LIKE 'pr\\_%' OLDER THAN '30 days'"))
          .extracting(r -> r.get(0), r -> r.get(5)).containsExactly(tuple("pr_a", "PLANNED"));
      assertThat(Sql.strings(pg, checksum)).isEqualTo(before);

      assertThat(Sql.rows(c, "INVALIDATE ENVIRONMENTS LIKE 'pr\\_%' OLDER THAN INTERVAL '30' DAY"))
          .extracting(r -> r.get(0), r -> r.get(5)).containsExactly(tuple("pr_a", "INVALIDATED"));
      assertThat(Sql.rows(c, "RESTORE ENVIRONMENT pr_a")).extracting(r -> r.get(5)).containsExactly("RESTORED");
      assertThat(Sql.strings(pg, "SELECT expiration_ts FROM sqlmesh._environments WHERE name = 'pr_a'"))
          .containsExactly("4000000000000");
      assertThat(Sql.strings(pg, "SELECT count(*) FROM envsweep.invalidations WHERE name = 'pr_a'"))
          .containsExactly("0");

      Sql.rows(c, "ALTER ENVIRONMENT pr_b SET EXPIRATION NONE");
      assertThat(Sql.strings(pg, "SELECT expiration_ts FROM sqlmesh._environments WHERE name = 'pr_b'"))
          .containsExactly((String) null);
      try (PreparedStatement ps = c.prepareStatement("CALL sys.set_environment_ttl(?, ?)")) {
        ps.setString(1, "pr_b");
        ps.setString(2, "in 1 week");
        assertThat(Sql.rows(ps.executeQuery())).extracting(r -> r.get(5)).containsExactly("UPDATED");
      }
      long week = Long.parseLong(Sql.strings(pg, "SELECT expiration_ts FROM sqlmesh._environments "
          + "WHERE name = 'pr_b'").get(0)) - System.currentTimeMillis();
      assertThat(week).isBetween(6 * 86_400_000L, 7 * 86_400_000L);
      assertThat(Sql.rows(c, "SELECT name, dialect, reachable FROM sys.gateways ORDER BY name")).containsExactly(
          List.of("down", "postgres", "false"), List.of("lake", "duckdb", "true"),
          List.of("warehouse", "postgres", "true"));

      // The test's own environments go the way users' do.
      assertThat(Sql.rows(c, "INVALIDATE ENVIRONMENT pr_a SYNC")).extracting(r -> r.get(5)).endsWith("DELETED");
      assertThat(Sql.rows(c, "INVALIDATE ENVIRONMENT pr_b SYNC")).extracting(r -> r.get(5)).endsWith("DELETED");
      assertThat(Sql.strings(pg, "SELECT count(*) FROM information_schema.schemata WHERE schema_name LIKE "
          + "'sqlmesh_example__pr%'")).containsExactly("0");
    }
  }

  @Test
  void aMissingStateStoreSchemaIsAClearErrorAtStart() throws Exception {
    Path other = Files.createTempDirectory("envsweep-pg-missing-");
    ServerProcess.writeConfig(other, """
        state_store:
          url: %s
          user: postgres
          schema: not_there
        gateways:
          warehouse:
            url: %s
            user: postgres
        """.formatted(pgUrl, pgUrl));
    ServerProcess.Result r = ServerProcess.run(other, "environments", "--config",
        other.resolve("envsweep.yaml").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("no SQLMesh state at " + pgUrl + ", schema not_there: table _environments does "
        + "not exist");
  }

  static void env(Connection pg, String name, String snapshots, Long expiration, String target, String override,
      boolean managed) throws SQLException {
    try (PreparedStatement ps = pg.prepareStatement("INSERT INTO sqlmesh._environments (name, snapshots, start_at, "
        + "plan_id, expiration_ts, suffix_target, catalog_name_override, normalize_name, requirements, "
        + "gateway_managed) VALUES (?, ?, '2024-01-01', 'p1', ?, ?, ?, TRUE, '{}', ?)")) {
      ps.setString(1, name);
      ps.setString(2, snapshots);
      ps.setObject(3, expiration);
      ps.setString(4, target);
      ps.setString(5, override);
      ps.setBoolean(6, managed);
      ps.executeUpdate();
    }
  }

  static String snapshot(String name, String kind, String gateway) {
    return "{\"name\": \"" + name.replace("\"", "\\\"") + "\", \"dev_version\": \"1\", \"change_category\": 1, "
        + "\"fingerprint\": {\"data_hash\": \"1\", \"metadata_hash\": \"2\", \"parent_data_hash\": \"0\", "
        + "\"parent_metadata_hash\": \"0\"}, \"previous_versions\": [], \"dev_table_suffix\": \"dev\", "
        + "\"table_naming_convention\": \"schema_and_table\", \"forward_only\": false, \"version\": \"1\", "
        + "\"physical_schema\": \"sqlmesh__x\", \"parents\": [], \"kind_name\": \"" + kind + "\", \"node_type\": "
        + "\"model\", \"virtual_environment_mode\": \"full\"" + (gateway == null ? "" : ", \"model_gateway\": \""
        + gateway + "\"") + "}";
  }

  static String list(String... snapshots) {
    return "[" + String.join(", ", snapshots) + "]";
  }

}
