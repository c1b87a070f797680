package dev.envsweep.core.lifecycle;

import static dev.envsweep.core.testing.SqlMeshState.list;
import static dev.envsweep.core.testing.SqlMeshState.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.envsweep.core.Envsweep;
import dev.envsweep.core.config.ConfigLoader;
import dev.envsweep.core.model.ResultRow;
import dev.envsweep.core.model.Status;
import dev.envsweep.core.testing.Postgres;
import dev.envsweep.core.testing.SqlMeshState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State that SQLMesh wrote, in a real PostgreSQL, with PostgreSQL and DuckDB warehouses: the acceptance cases
 * of reference 8.5 and the real example row of 2.5, for schema versions 101 and 66.
 */
class PostgresLifecycleTest {
  static final long PAST = 1_000L;
  static final long FUTURE = 4_000_000_000_000L;
  static final String FULL = "\"mydb\".\"sqlmesh_example\".\"full_model\"";

  @TempDir Path dir;
  String pgUrl;
  Connection pg;
  Envsweep envsweep;

  @BeforeEach
  void database() throws SQLException {
    pgUrl = Postgres.freshDatabase("mydb");
    pg = Postgres.connect(pgUrl);
    exec(pg, "CREATE SCHEMA sqlmesh__sqlmesh_example",
        "CREATE TABLE sqlmesh__sqlmesh_example.sqlmesh_example__full_model__2463420582 AS SELECT 1 AS id",
        "CREATE SCHEMA sqlmesh_example",
        "CREATE VIEW sqlmesh_example.full_model AS SELECT * FROM "
            + "sqlmesh__sqlmesh_example.sqlmesh_example__full_model__2463420582");
  }

  @AfterEach
  void close() throws SQLException {
    if (envsweep != null) {
      envsweep.close();
    }
    pg.close();
  }

  private Envsweep open(String extraGateways) throws Exception {
    envsweep = Envsweep.open(new ConfigLoader().parse("""
        state_store:
          url: %s
          user: postgres
        default_gateway: warehouse
        gateways:
          warehouse:
            url: %s
            user: postgres
        %s
        """.formatted(pgUrl, pgUrl, extraGateways), "test.yaml"));
    return envsweep;
  }

  /** A dev environment's objects on the PostgreSQL warehouse. */
  private void pgViews(String env, String target) throws SQLException {
    String physical = "sqlmesh__sqlmesh_example.sqlmesh_example__full_model__2463420582";
    if (target.equals("schema")) {
      exec(pg, "CREATE SCHEMA sqlmesh_example__" + env,
          "CREATE VIEW sqlmesh_example__" + env + ".full_model AS SELECT * FROM " + physical);
    } else {
      exec(pg, "CREATE VIEW sqlmesh_example.full_model__" + env + " AS SELECT * FROM " + physical);
    }
  }

  @Test
  void postgresAcceptanceCasesOfReference85() throws Exception {
    SqlMeshState state = SqlMeshState.create(pg, "sqlmesh", 101);
    String snapshots = list(snapshot(FULL, "FULL", null));
    pgViews("dev", "schema");
    state.environment("dev", snapshots, "p1", PAST, "schema", null, false);
    pgViews("devt", "table");
    state.environment("devt", snapshots, "p1", PAST, "table", null, false);
    state.environment("devc", snapshots, "p1", PAST, "catalog", null, false);
    state.environment("devo", snapshots, "p1", PAST, "schema", "other", false);
    open("");

    assertThatThrownBy(() -> all(envsweep.lifecycle().cleanup(false)))
        .hasFieldOrPropertyWithValue("SQLState", "58000")
        .hasMessageContaining("SCHEMA other.sqlmesh_example__devo on warehouse: Failed to drop the expired environment "
            + "schema 'other.sqlmesh_example__devo': postgres requires that all catalog operations be against a "
            + "single catalog: mydb. Provided catalog: other");

    List<ResultRow> rows = history();
    assertThat(rows).extracting(ResultRow::environment, ResultRow::sql, ResultRow::status).contains(
        // 8.5: DROP SCHEMA IF EXISTS "sqlmesh_example__dev" CASCADE
        tuple("dev", "DROP SCHEMA IF EXISTS \"sqlmesh_example__dev\" CASCADE", Status.DROPPED),
        // 8.5 has "... CASCADE": envsweep drops views without it (DESIGN 4), the guard having checked dependents.
        tuple("devt", "DROP VIEW IF EXISTS \"sqlmesh_example\".\"full_model__devt\"", Status.DROPPED),
        // 8.5: nothing at all; envsweep says what it leaves behind.
        tuple("devc", null, Status.WARNING));
    assertThat(rows).filteredOn(r -> r.environment().equals("devc") && r.status() == Status.WARNING)
        .extracting(ResultRow::message).containsExactly("left behind: postgres cannot drop catalogs; drop catalog "
            + "mydb__devc by hand if it is no longer needed");
    assertThat(strings("SELECT name FROM sqlmesh._environments")).containsExactly("devo");
    assertThat(strings("SELECT count(*) FROM sqlmesh._environment_statements")).containsExactly("1");
    assertThat(strings("SELECT viewname FROM pg_views WHERE schemaname LIKE 'sqlmesh_example%' ORDER BY 1"))
        .containsExactly("full_model");
  }

  @Test
  void theReferenceExampleRowOfSchemaVersion101OnADuckDbWarehouse() throws Exception {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("db.duckdb"))) {
      exec(duck, "CREATE SCHEMA sqlmesh__sqlmesh_example",
          "CREATE TABLE sqlmesh__sqlmesh_example.sqlmesh_example__full_model__2463420582 AS SELECT 1 AS id",
          "CREATE SCHEMA sqlmesh_example__dev_1",
          "CREATE VIEW sqlmesh_example__dev_1.full_model AS SELECT * FROM "
              + "sqlmesh__sqlmesh_example.sqlmesh_example__full_model__2463420582");
    }
    SqlMeshState state = SqlMeshState.create(pg, "sqlmesh", 101);
    // Reference 2.5, verbatim but for the elided fingerprint of the external table.
    state.environment("dev_1", "[{\"name\": \"\\\"db\\\".\\\"sqlmesh_example\\\".\\\"full_model\\\"\", "
        + "\"dev_version\": \"2463420582\", \"change_category\": 1, \"fingerprint\": {\"data_hash\": \"2557403980\", "
        + "\"metadata_hash\": \"3025268836\", \"parent_data_hash\": \"0\", \"parent_metadata_hash\": \"0\"}, "
        + "\"previous_versions\": [], \"dev_table_suffix\": \"dev\", \"table_naming_convention\": "
        + "\"schema_and_table\", \"forward_only\": false, \"version\": \"2463420582\", \"physical_schema\": "
        + "\"sqlmesh__sqlmesh_example\", \"parents\": [], \"kind_name\": \"FULL\", \"node_type\": \"model\", "
        + "\"virtual_environment_mode\": \"full\"}, {\"name\": \"\\\"db\\\".\\\"raw\\\".\\\"ext_table\\\"\", "
        + "\"dev_version\": \"994275709\", \"change_category\": 1, \"fingerprint\": {\"data_hash\": \"1\", "
        + "\"metadata_hash\": \"2\", \"parent_data_hash\": \"0\", \"parent_metadata_hash\": \"0\"}, "
        + "\"previous_versions\": [], \"dev_table_suffix\": \"dev\", \"table_naming_convention\": "
        + "\"schema_and_table\", \"forward_only\": false, \"version\": \"994275709\", \"physical_schema\": "
        + "\"sqlmesh__raw\", \"parents\": [], \"kind_name\": \"EXTERNAL\", \"node_type\": \"model\", "
        + "\"virtual_environment_mode\": \"full\"}]", "abc123", 1_700_000_000_000L, "schema", null, false);
    envsweep = Envsweep.open(new ConfigLoader().parse("""
        state_store:
          url: %s
          user: postgres
        gateways:
          local:
            url: jdbc:duckdb:%s
        """.formatted(pgUrl, dir.resolve("db.duckdb")), "test.yaml"));

    List<ResultRow> rows = all(envsweep.lifecycle().cleanup(false));

    assertThat(rows).extracting(ResultRow::gateway, ResultRow::sql, ResultRow::status).containsExactly(
        tuple("local", "DROP SCHEMA IF EXISTS \"db\".\"sqlmesh_example__dev_1\" CASCADE", Status.DROPPED),
        tuple(null, "DELETE FROM \"sqlmesh\".\"_environments\" WHERE \"name\" = ? AND \"plan_id\" = ? AND "
            + "\"expiration_ts\" <= ?", Status.DELETED));
    assertThat(strings("SELECT count(*) FROM sqlmesh._environments")).containsExactly("0");
    assertThat(strings("SELECT count(*) FROM sqlmesh._environment_statements")).containsExactly("0");
    envsweep.close();
    envsweep = null;
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("db.duckdb"))) {
      assertThat(strings(duck, "SELECT count(*) FROM duckdb_schemas() WHERE schema_name = 'sqlmesh_example__dev_1'"))
          .containsExactly("0");
      assertThat(strings(duck, "SELECT count(*) FROM sqlmesh__sqlmesh_example.sqlmesh_example__full_model__2463420582"))
          .containsExactly("1");
    }
  }

  @Test
  void schemaVersion66HasNoGatewayManagedAndNoStatementsTable() throws Exception {
    SqlMeshState state = SqlMeshState.create(pg, "sqlmesh", 66);
    String snapshots = list(snapshot(FULL, "FULL", null), snapshot("\"mydb\".\"raw\".\"ext\"", "EXTERNAL", null));
    pgViews("dev", "schema");
    state.environment("dev", snapshots, "p1", PAST, "schema", null, false);
    pgViews("devt", "table");
    state.environment("devt", snapshots, "p1", PAST, "table", null, false);
    state.environment("live", snapshots, "p1", FUTURE, "schema", null, false);
    open("");

    assertThat(all(envsweep.lifecycle().cleanup(false))).extracting(ResultRow::environment, ResultRow::status)
        .containsExactly(tuple("dev", Status.DROPPED), tuple("dev", Status.DELETED), tuple("devt", Status.DROPPED),
            tuple("devt", Status.DELETED));
    assertThat(strings("SELECT name FROM sqlmesh._environments")).containsExactly("live");
  }

  @Test
  void twoDuckDbGatewaysAsInReference85() throws Exception {
    for (String db : List.of("db1", "db2")) {
      try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(db + ".duckdb"))) {
        String s = db.equals("db1") ? "s1" : "s2";
        String m = db.equals("db1") ? "m1" : "m2";
        exec(duck, "CREATE SCHEMA " + s + "__dev", "CREATE VIEW " + s + "__dev." + m + " AS SELECT 1 AS x");
      }
    }
    SqlMeshState state = SqlMeshState.create(pg, "sqlmesh", 101);
    String snapshots = list(snapshot("\"db1\".\"s1\".\"m1\"", "FULL", null),
        snapshot("\"db2\".\"s2\".\"m2\"", "FULL", "second"));
    state.environment("dev", snapshots, "p1", PAST, "schema", null, true);
    state.environment("unmanaged", snapshots, "p1", PAST, "schema", null, false);
    state.environment("lost", list(snapshot("\"db2\".\"s2\".\"m2\"", "FULL", "third")), "p1", PAST, "schema", null,
        true);
    envsweep = Envsweep.open(new ConfigLoader().parse("""
        state_store:
          url: %s
          user: postgres
        default_gateway: default
        gateways:
          default:
            url: jdbc:duckdb:%s
          second:
            url: jdbc:duckdb:%s
        """.formatted(pgUrl, dir.resolve("db1.duckdb"), dir.resolve("db2.duckdb")), "test.yaml"));

    List<ResultRow> explained = all(envsweep.lifecycle().explainCleanup());
    assertThat(explained).extracting(ResultRow::environment, ResultRow::gateway, ResultRow::sql).contains(
        tuple("dev", "default", "DROP SCHEMA IF EXISTS \"db1\".\"s1__dev\" CASCADE"),
        tuple("dev", "second", "DROP SCHEMA IF EXISTS \"db2\".\"s2__dev\" CASCADE"),
        // gateway_managed=False: both on the default gateway, as SQLMesh does.
        tuple("unmanaged", "default", "DROP SCHEMA IF EXISTS \"db1\".\"s1__unmanaged\" CASCADE"),
        tuple("unmanaged", "default", "DROP SCHEMA IF EXISTS \"db2\".\"s2__unmanaged\" CASCADE"));
    // SQLMesh silently falls back to the default gateway; envsweep refuses, naming the gateway.
    assertThat(explained).filteredOn(r -> r.environment().equals("lost")).singleElement()
        .satisfies(r -> assertThat(r.message()).contains("belongs to gateway 'third', which is not configured"));

    assertThatThrownBy(() -> all(envsweep.lifecycle().cleanup(false))).hasMessageContaining("gateway 'third'");
    List<ResultRow> rows = history();
    assertThat(rows).filteredOn(r -> r.environment().equals("dev"))
        .extracting(ResultRow::gateway, ResultRow::status)
        .containsExactly(tuple("default", Status.DROPPED), tuple("second", Status.DROPPED), tuple(null, Status.DELETED));
    envsweep.close();
    envsweep = null;
    for (String db : List.of("db1", "db2")) {
      try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(db + ".duckdb"))) {
        assertThat(strings(duck, "SELECT count(*) FROM duckdb_schemas() WHERE schema_name LIKE '%__dev'"))
            .containsExactly("0");
      }
    }
  }

  @Test
  void aUserViewBuiltOnAnEnvironmentViewIsNeverDroppedWithIt() throws Exception {
    SqlMeshState state = SqlMeshState.create(pg, "sqlmesh", 101);
    pgViews("dev", "schema");
    pgViews("devt", "table");
    state.environment("dev", list(snapshot(FULL, "FULL", null)), "p1", PAST, "schema", null, false);
    state.environment("devt", list(snapshot(FULL, "FULL", null)), "p1", PAST, "table", null, false);
    exec(pg, "CREATE SCHEMA reports", "CREATE VIEW reports.weekly AS SELECT * FROM sqlmesh_example__dev.full_model",
        "CREATE VIEW reports.daily AS SELECT * FROM sqlmesh_example.full_model__devt");
    open("");

    assertThatThrownBy(() -> all(envsweep.lifecycle().cleanup(false)))
        .hasMessageContaining("not sent: schema \"sqlmesh_example__dev\" holds objects environment 'dev' does not "
            + "own: VIEW \"reports\".\"weekly\" (depends on sqlmesh_example__dev.full_model)")
        .hasMessageContaining("not sent: other objects depend on view \"sqlmesh_example\".\"full_model__devt\": "
            + "VIEW \"reports\".\"daily\" (depends on sqlmesh_example.full_model__devt)");
    assertThat(strings("SELECT viewname FROM pg_views WHERE schemaname = 'reports' ORDER BY 1"))
        .containsExactly("daily", "weekly");
    assertThat(strings("SELECT name FROM sqlmesh._environments ORDER BY 1")).containsExactly("dev", "devt");
  }

  @Test
  void aGatewayThatIsDownFailsOnlyTheEnvironmentsThatNeedIt() throws Exception {
    SqlMeshState state = SqlMeshState.create(pg, "sqlmesh", 101);
    pgViews("dev", "schema");
    state.environment("dev", list(snapshot(FULL, "FULL", null)), "p1", PAST, "schema", null, true);
    state.environment("far", list(snapshot("\"far\".\"s\".\"m\"", "FULL", "down")), "p1", PAST, "schema", null,
        true);
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    open("""
          down:
            url: jdbc:postgresql://127.0.0.1:%d/far
            user: postgres
            connection_timeout_ms: 500
        """.formatted(closedPort));

    assertThatThrownBy(() -> all(envsweep.lifecycle().cleanup(false)))
        .hasMessageContaining("SCHEMA far.s__far on down: gateway 'down' (jdbc:postgresql://127.0.0.1:" + closedPort
            + "/far) is unreachable")
        .hasMessageContaining("Connection to 127.0.0.1:" + closedPort + " refused");
    assertThat(strings("SELECT name FROM sqlmesh._environments")).containsExactly("far");
    assertThat(strings("SELECT count(*) FROM pg_namespace WHERE nspname = 'sqlmesh_example__dev'"))
        .containsExactly("0");
  }

  @Test
  void catalogSuffixEnvironmentsUseEachDuckDbGatewaysOwnCatalogDir() throws Exception {
    Path first = java.nio.file.Files.createDirectories(dir.resolve("first"));
    Path second = java.nio.file.Files.createDirectories(dir.resolve("second"));
    for (Path d : List.of(first, second)) {
      String db = d.getFileName().toString();
      try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + d.resolve(db + ".duckdb"))) {
        exec(duck, "ATTACH '" + d.resolve(db + "__dev.db") + "' AS " + db + "__dev",
            "CREATE SCHEMA " + db + "__dev.s", "CREATE VIEW " + db + "__dev.s.m AS SELECT 1 AS x",
            "DETACH " + db + "__dev");
      }
    }
    SqlMeshState state = SqlMeshState.create(pg, "sqlmesh", 101);
    state.environment("dev", list(snapshot("\"first\".\"s\".\"m\"", "FULL", null),
        snapshot("\"second\".\"s\".\"m\"", "FULL", "second")), "p1", PAST, "catalog", null, true);
    envsweep = Envsweep.open(new ConfigLoader().parse("""
        state_store:
          url: %s
          user: postgres
        default_gateway: first
        gateways:
          first:
            url: jdbc:duckdb:%s
          second:
            url: jdbc:duckdb:%s
        """.formatted(pgUrl, first.resolve("first.duckdb"), second.resolve("second.duckdb")), "test.yaml"));

    List<ResultRow> rows = all(envsweep.lifecycle().cleanup(false));

    assertThat(rows).extracting(ResultRow::gateway, ResultRow::sql, ResultRow::status).containsExactly(
        tuple("first", "DETACH DATABASE IF EXISTS \"first__dev\"", Status.DROPPED),
        tuple("second", "DETACH DATABASE IF EXISTS \"second__dev\"", Status.DROPPED),
        tuple(null, "DELETE FROM \"sqlmesh\".\"_environments\" WHERE \"name\" = ? AND \"plan_id\" = ? AND "
            + "\"expiration_ts\" <= ?", Status.DELETED));
    assertThat(rows.get(0).message()).contains("deleted file " + first.resolve("first__dev.db"));
    assertThat(rows.get(1).message()).contains("deleted file " + second.resolve("second__dev.db"));
    assertThat(first.resolve("first__dev.db")).doesNotExist();
    assertThat(second.resolve("second__dev.db")).doesNotExist();
  }

  @Test
  void anEmptyStateSchemaMeansTheConnectionsDefaultSchema() throws Exception {
    SqlMeshState state = SqlMeshState.create(pg, "public", 101);
    pgViews("dev", "schema");
    state.environment("dev", list(snapshot(FULL, "FULL", null)), "p1", PAST, "schema", null, false);
    envsweep = Envsweep.open(new ConfigLoader().parse("""
        state_store:
          url: %s
          user: postgres
          schema: ""
        gateways:
          warehouse:
            url: %s
            user: postgres
        """.formatted(pgUrl, pgUrl), "test.yaml"));
    assertThat(all(envsweep.lifecycle().cleanup(false))).extracting(ResultRow::sql).contains(
        "DELETE FROM \"_environments\" WHERE \"name\" = ? AND \"plan_id\" = ? AND \"expiration_ts\" <= ?");
    assertThat(strings("SELECT count(*) FROM public._environments")).containsExactly("0");
  }

  @Test
  void aDropThatRunsIntoTheStatementTimeoutFailsThatEnvironmentOnly() throws Exception {
    SqlMeshState state = SqlMeshState.create(pg, "sqlmesh", 101);
    pgViews("dev", "schema");
    pgViews("devt", "table");
    state.environment("dev", list(snapshot(FULL, "FULL", null)), "p1", PAST, "schema", null, false);
    state.environment("devt", list(snapshot(FULL, "FULL", null)), "p1", PAST, "table", null, false);
    envsweep = Envsweep.open(new ConfigLoader().parse("""
        state_store:
          url: %s
          user: postgres
        gateways:
          warehouse:
            url: %s
            user: postgres
        janitor:
          statement_timeout: PT1S
        """.formatted(pgUrl, pgUrl), "test.yaml"));
    try (Connection blocker = Postgres.connect(pgUrl)) {
      blocker.setAutoCommit(false);
      exec(blocker, "LOCK TABLE sqlmesh_example__dev.full_model IN ACCESS SHARE MODE");
      assertThatThrownBy(() -> all(envsweep.lifecycle().cleanup(false)))
          .hasMessageContaining("SCHEMA \"sqlmesh_example__dev\" on warehouse: timed out after 1 s "
              + "(janitor.statement_timeout)");
      blocker.rollback();
    }
    assertThat(strings("SELECT name FROM sqlmesh._environments")).containsExactly("dev");
    assertThat(all(envsweep.lifecycle().cleanup(false))).extracting(ResultRow::status)
        .containsExactly(Status.DROPPED, Status.DELETED);
  }

  @Test
  void aConnectionLostMidCleanupFailsOnlyThatEnvironmentAndALaterRunFinishes() throws Exception {
    SqlMeshState state = SqlMeshState.create(pg, "sqlmesh", 101);
    for (String env : List.of("a", "b", "c")) {
      pgViews(env, "schema");
      state.environment(env, list(snapshot(FULL, "FULL", null)), "p1", PAST, "schema", null, false);
    }
    open("");
    try (Connection blocker = Postgres.connect(pgUrl)) {
      blocker.setAutoCommit(false);
      exec(blocker, "LOCK TABLE sqlmesh_example__a.full_model IN ACCESS SHARE MODE");
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
      java.util.concurrent.Future<Throwable> run = pool.submit(() -> {
        try {
          all(envsweep.lifecycle().cleanup(false));
          return null;
        } catch (SQLException e) {
          return e;
        }
      });
      // The janitor's connection dies under it while its DROP waits.
      for (int i = 0; i < 200 && strings("SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND "
          + "query LIKE 'DROP SCHEMA%'").isEmpty(); i++) {
        java.util.concurrent.locks.LockSupport.parkNanos(50_000_000); // polling PostgreSQL, 10 s at most
      }
      exec(pg, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'DROP SCHEMA%'");
      Throwable failure = run.get();
      pool.shutdown();
      blocker.rollback();
      assertThat(failure).hasMessageContaining("SCHEMA \"sqlmesh_example__a\" on warehouse: ")
          .hasMessageContaining("terminating connection");
    }
    assertThat(strings("SELECT name FROM sqlmesh._environments")).containsExactly("a");
    assertThat(all(envsweep.lifecycle().cleanup(false))).extracting(ResultRow::environment, ResultRow::status)
        .containsExactly(tuple("a", Status.DROPPED), tuple("a", Status.DELETED));
    assertThat(strings("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'sqlmesh_example__%'"))
        .containsExactly("0");
  }

  @Test
  void aStateStoreThatIsDownIsOneClearErrorAndChangesNothing() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    assertThatThrownBy(() -> Envsweep.open(new ConfigLoader().parse("""
        state_store:
          url: jdbc:postgresql://127.0.0.1:%d/state?password=hunter2
          user: postgres
          password: hunter2
          connection_timeout_ms: 500
        gateways:
          warehouse:
            url: %s
            user: postgres
        """.formatted(closedPort, pgUrl), "test.yaml")))
        .hasFieldOrPropertyWithValue("SQLState", "08001")
        .hasMessageStartingWith("state store jdbc:postgresql://127.0.0.1:" + closedPort + "/state?password=*** is "
            + "unreachable")
        .hasMessageContaining("refused")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
  }

  @Test
  void theStateSchemaIsConfigurable() throws Exception {
    SqlMeshState state = SqlMeshState.create(pg, "mesh_state", 101);
    pgViews("dev", "schema");
    state.environment("dev", list(snapshot(FULL, "FULL", null)), "p1", PAST, "schema", null, false);
    envsweep = Envsweep.open(new ConfigLoader().parse("""
        state_store:
          url: %s
          user: postgres
          schema: mesh_state
        gateways:
          warehouse:
            url: %s
            user: postgres
        """.formatted(pgUrl, pgUrl), "test.yaml"));
    assertThat(all(envsweep.lifecycle().cleanup(false))).extracting(ResultRow::status)
        .containsExactly(Status.DROPPED, Status.DELETED);
    assertThat(strings("SELECT count(*) FROM mesh_state._environments")).containsExactly("0");
  }

  private List<ResultRow> history() throws SQLException {
    List<ResultRow> rows = new ArrayList<>();
    try (Statement s = pg.createStatement();
        ResultSet rs = s.executeQuery("SELECT environment, gateway, object_kind, object_name, sql, status, message, "
            + "elapsed_ms FROM envsweep.cleanup_history ORDER BY at_ms, run_id, seq")) {
      while (rs.next()) {
        rows.add(new ResultRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            Status.valueOf(rs.getString(6)), rs.getString(7), rs.getLong(8)));
      }
    }
    return rows;
  }

  static List<ResultRow> all(ResultPages pages) throws SQLException {
    List<ResultRow> rows = new ArrayList<>();
    for (List<ResultRow> page = pages.next(); !page.isEmpty(); page = pages.next()) {
      rows.addAll(page);
    }
    return rows;
  }

  private List<String> strings(String sql) throws SQLException {
    return strings(pg, sql);
  }

  static List<String> strings(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  static void exec(Connection c, String... sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    }
  }
}
