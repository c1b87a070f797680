package dev.envsweep.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.AvaticaSqlException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * envsweep end to end: a server process on a real DuckDB file, reached only through the stock Avatica remote
 * driver over HTTP. Each test starts from an empty warehouse and builds the SQLMesh project it needs through the
 * same connection. Run once per wire format by the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndToEndTests {
  static final long PAST = 1_000L;
  static final long FUTURE = 4_000_000_000_000L;
  static final String DELETE_SQL = "DELETE FROM \"wh\".\"sqlmesh\".\"_environments\" WHERE \"name\" = ? AND \"plan_id\" = ? "
      + "AND \"expiration_ts\" <= ?";

  Path dir;
  ServerProcess server;
  Connection c;
  Project project;

  abstract String serialization();

  @BeforeAll
  void startServer() throws Exception {
    dir = Files.createTempDirectory("envsweep-it-");
    ServerProcess.writeConfig(dir, """
        state_store:
          create: true
        gateways:
          local:
            url: jdbc:duckdb:%s
        pinned_environments: [Staging]
        """.formatted(dir.resolve("wh.duckdb")));
    server = ServerProcess.serve(dir, serialization(), "--config", dir.resolve("envsweep.yaml").toString());
  }

  @AfterAll
  void stopServer() throws Exception {
    server.close();
  }

  @BeforeEach
  void freshProject() throws SQLException {
    c = server.connect();
    project = new Project(c, "wh", dir);
    project.reset();
    project.physicalTables();
  }

  @AfterEach
  void disconnect() throws SQLException {
    c.close();
  }

  static List<List<String>> rows(ResultSet rs) throws SQLException {
    return Sql.rows(rs);
  }

  List<List<String>> query(String sql) throws SQLException {
    return Sql.rows(c, sql);
  }

  Long expiration(String env) throws SQLException {
    List<String> v = project.strings("SELECT expiration_ts FROM sqlmesh._environments WHERE name = '" + env + "'");
    return v.isEmpty() || v.get(0) == null ? null : Long.valueOf(v.get(0));
  }

  @Test
  void statementsThatAreNotEnvsweepsGoToDuckDbUnchanged() throws SQLException {
    try (Statement s = c.createStatement()) {
      assertThat(s.execute("CREATE TABLE t(cleanup INT)")).isFalse();
      assertThat(s.executeUpdate("INSERT INTO t VALUES (1), (2)")).isEqualTo(2);
      assertThat(rows(s.executeQuery("SELECT cleanup FROM t ORDER BY cleanup")))
          .containsExactly(List.of("1"), List.of("2"));
      assertThat(rows(s.executeQuery("PRAGMA database_list"))).extracting(r -> r.get(1)).contains("wh");
      assertThatThrownBy(() -> s.execute("SELECT cleanup FROM nowhere"))
          .hasMessageContaining("Catalog Error: Table with name nowhere does not exist");
    }
  }

  @Test
  void invalidateMovesTheExpiryToNowAndLeavesTheViewsQueryable() throws SQLException {
    project.environment("dev", "schema", FUTURE);
    long before = Long.parseLong(project.strings("SELECT epoch_ms(get_current_timestamp())").get(0));

    List<List<String>> rows = query("INVALIDATE ENVIRONMENT Dev");

    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).subList(0, 6)).containsExactly("dev", null, "ENVIRONMENT", "dev",
        "UPDATE \"wh\".\"sqlmesh\".\"_environments\" SET \"expiration_ts\" = ? WHERE \"name\" = ?", "INVALIDATED");
    assertThat(rows.get(0).get(6)).startsWith("expiration 2096-10-02T07:06:40Z -> 20");
    assertThat(expiration("dev")).isBetween(before, System.currentTimeMillis() + 60_000);
    assertThat(query("SELECT count(*) FROM sales__dev.orders")).containsExactly(List.of("3"));
  }

  @Test
  void cleanupRemovesExactlyTheExpiredEnvironmentsOfEverySuffixTarget() throws SQLException {
    project.environment("prod", "schema", null);
    project.environment("dev_schema", "schema", PAST);
    project.environment("dev_table", "table", PAST);
    project.environment("dev_catalog", "catalog", PAST);
    project.environment("live", "schema", FUTURE);
    assertThat(Files.exists(dir.resolve("wh__dev_catalog.db"))).isTrue();

    List<List<String>> rows = query("CLEANUP EXPIRED ENVIRONMENTS");

    assertThat(rows).extracting(r -> r.get(0), r -> r.get(1), r -> r.get(2), r -> r.get(4), r -> r.get(5))
        .containsExactly(
            tuple("dev_catalog", "local", "CATALOG", "DETACH DATABASE IF EXISTS \"wh__dev_catalog\"", "DROPPED"),
            tuple("dev_catalog", null, "ENVIRONMENT", DELETE_SQL, "DELETED"),
            tuple("dev_schema", "local", "SCHEMA", "DROP SCHEMA IF EXISTS \"wh\".\"sales__dev_schema\" CASCADE",
                "DROPPED"),
            tuple("dev_schema", null, "ENVIRONMENT", DELETE_SQL, "DELETED"),
            tuple("dev_table", "local", "VIEW", "DROP VIEW IF EXISTS \"wh\".\"sales\".\"customers__dev_table\"",
                "DROPPED"),
            tuple("dev_table", "local", "VIEW", "DROP VIEW IF EXISTS \"wh\".\"sales\".\"orders__dev_table\"",
                "DROPPED"),
            tuple("dev_table", null, "ENVIRONMENT", DELETE_SQL, "DELETED"));
    assertThat(rows.get(0).get(6)).contains("deleted file " + dir.resolve("wh__dev_catalog.db"));

    assertThat(project.environments()).containsExactly("live", "prod");
    assertThat(project.views()).containsExactly("sales.customers", "sales.orders", "sales__live.customers",
        "sales__live.orders");
    assertThat(Files.exists(dir.resolve("wh__dev_catalog.db"))).isFalse();
    assertThat(query("SELECT count(*) FROM sales.orders")).containsExactly(List.of("3"));
    assertThat(project.strings("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'sqlmesh__sales'"))
        .containsExactly("2");
    assertThat(query("CLEANUP EXPIRED ENVIRONMENTS")).isEmpty();
  }

  @Test
  void aDropThatReallyFailsKeepsItsEnvironmentUnlessWarnOnFailure() throws SQLException {
    project.environment("dev", "table", PAST);
    project.environment("other", "schema", PAST);
    // The name of one of dev's views is held by a table: DuckDB refuses DROP VIEW on it.
    project.exec("DROP VIEW sales.orders__dev");
    project.exec("CREATE TABLE sales.orders__dev(x INT)");

    assertThatThrownBy(() -> query("CLEANUP EXPIRED ENVIRONMENTS"))
        .isInstanceOf(SQLException.class)
        .hasFieldOrPropertyWithValue("SQLState", "58000")
        .hasMessageContaining("VIEW \"wh\".\"sales\".\"orders__dev\" on local: Catalog Error: Existing object "
            + "orders__dev is of type Table, trying to drop type View")
        .hasMessageMatching("(?s).*run_id=[0-9a-f-]{36}$");
    assertThat(project.environments()).containsExactly("dev");
    assertThat(project.views()).doesNotContain("sales.customers__dev", "sales__other.orders");

    List<List<String>> rows = query("CLEANUP EXPIRED ENVIRONMENTS WARN ON FAILURE");
    assertThat(rows).extracting(r -> r.get(2), r -> r.get(5)).containsExactly(
        tuple("VIEW", "SKIPPED"), tuple("VIEW", "FAILED"), tuple("ENVIRONMENT", "DELETED"));
    assertThat(rows.get(1).get(6)).contains("is of type Table");
    assertThat(project.environments()).isEmpty();
    assertThat(project.strings("SELECT count(*) FROM sales.orders__dev")).containsExactly("0");
  }

  @Test
  void aUsersTableInsideAnEnvironmentsSchemaSurvivesCleanup() throws SQLException {
    project.environment("dev", "schema", PAST);
    project.exec("CREATE TABLE sales__dev.precious AS SELECT 42 AS answer");

    assertThatThrownBy(() -> query("CLEANUP EXPIRED ENVIRONMENTS"))
        .hasFieldOrPropertyWithValue("SQLState", "58000")
        .hasMessageContaining("holds objects environment 'dev' does not own: TABLE \"wh\".\"sales__dev\".\"precious\"");
    assertThat(project.strings("SELECT answer FROM sales__dev.precious")).containsExactly("42");
    assertThat(project.environments()).containsExactly("dev");
  }

  @Test
  void prodWithAnExpiryInThePastIsNeverTouched() throws SQLException {
    project.environment("prod", "schema", PAST);
    project.environment("staging", "schema", PAST);

    List<List<String>> rows = query("CLEANUP EXPIRED ENVIRONMENTS");

    assertThat(rows).extracting(r -> r.get(0), r -> r.get(2), r -> r.get(5))
        .containsExactly(tuple("prod", "ENVIRONMENT", "WARNING"), tuple("staging", "ENVIRONMENT", "WARNING"));
    assertThat(project.environments()).containsExactly("prod", "staging");
    assertThat(project.views()).contains("sales.orders", "sales__staging.orders");
  }

  @Test
  void explainShowsThePlanAndChangesNothing() throws SQLException {
    project.environment("dev", "schema", PAST);
    project.environment("dev_table", "table", PAST);
    String before = checksum();

    List<List<String>> rows = query("EXPLAIN CLEANUP EXPIRED ENVIRONMENTS");

    assertThat(rows).extracting(r -> r.get(4), r -> r.get(5)).containsExactly(
        tuple("DROP SCHEMA IF EXISTS \"wh\".\"sales__dev\" CASCADE", "PLANNED"),
        tuple(DELETE_SQL, "PLANNED"),
        tuple("DROP VIEW IF EXISTS \"wh\".\"sales\".\"customers__dev_table\"", "PLANNED"),
        tuple("DROP VIEW IF EXISTS \"wh\".\"sales\".\"orders__dev_table\"", "PLANNED"),
        tuple(DELETE_SQL, "PLANNED"));
    assertThat(checksum()).isEqualTo(before);
  }

  @Test
  void explainInvalidateThenRestoreAlterAndBulkInvalidateThroughTheStockDriver() throws SQLException {
    project.environment("prod", "schema", null);
    project.environment("dev", "schema", FUTURE);
    project.environment("pr_1", "table", FUTURE);
    project.environment("pr_2", "schema", FUTURE);
    // pr_1 was finalized just now; the others in 2023.
    project.exec("UPDATE sqlmesh._environments SET finalized_ts = epoch_ms(get_current_timestamp()) "
        + "WHERE name = 'pr_1'");

    String before = checksum();
    List<List<String>> plan = query("EXPLAIN INVALIDATE ENVIRONMENT dev SYNC");
    assertThat(checksum()).isEqualTo(before);
    assertThat(plan).extracting(r -> r.get(5)).containsOnly("PLANNED");
    List<List<String>> run = query("INVALIDATE ENVIRONMENT dev SYNC");
    assertThat(run).extracting(r -> r.subList(0, 5)).isEqualTo(plan.stream().map(r -> r.subList(0, 5)).toList());
    assertThat(project.views()).doesNotContain("sales__dev.orders");

    query("INVALIDATE ENVIRONMENT pr_1");
    assertThat(query("RESTORE ENVIRONMENT pr_1")).extracting(r -> r.get(5)).containsExactly("RESTORED");
    assertThat(expiration("pr_1")).isEqualTo(FUTURE);
    assertThatThrownBy(() -> query("RESTORE ENVIRONMENT dev")).hasFieldOrPropertyWithValue("SQLState", "42704")
        .hasMessageContaining("cleanup has already removed it");

    try (PreparedStatement ps = c.prepareStatement("ALTER ENVIRONMENT ? SET TTL ?")) {
      ps.setString(1, "pr_1");
      ps.setString(2, "in 2 weeks");
      assertThat(rows(ps.executeQuery())).extracting(r -> r.get(5)).containsExactly("UPDATED");
    }
    long today = System.currentTimeMillis() / 86_400_000L * 86_400_000L;
    assertThat(expiration("pr_1")).isEqualTo(today + 14 * 86_400_000L);
    query("ALTER ENVIRONMENT pr_1 SET EXPIRATION NONE");
    assertThat(expiration("pr_1")).isNull();
    query("ALTER ENVIRONMENT pr_1 SET EXPIRES AT TIMESTAMP '2099-01-02 03:04:05'");
    assertThat(expiration("pr_1")).isEqualTo(java.time.Instant.parse("2099-01-02T03:04:05Z").toEpochMilli());
    assertThat(query("CALL sys.set_environment_ttl(name => 'pr_1', ttl => 'in 3 days')")).extracting(r -> r.get(5))
        .containsExactly("UPDATED");
    assertThatThrownBy(() -> query("ALTER ENVIRONMENT staging SET TTL 'in 1 week'"))
        .hasFieldOrPropertyWithValue("SQLState", "55000");

    before = checksum();
    assertThat(query("EXPLAIN INVALIDATE ENVIRONMENTS LIKE 'pr%' OLDER THAN INTERVAL '7' DAY"))
        .extracting(r -> r.get(0), r -> r.get(5)).containsExactly(tuple("pr_2", "PLANNED"), tuple("prod", "WARNING"));
    assertThat(checksum()).isEqualTo(before);
    try (PreparedStatement ps = c.prepareStatement("CALL sys.invalidate_environments(name_like => ?, older_than => ?)")) {
      ps.setString(1, "pr\\_%");
      ps.setString(2, "7 days");
      assertThat(rows(ps.executeQuery())).extracting(r -> r.get(0), r -> r.get(5))
          .containsExactly(tuple("pr_2", "INVALIDATED"));
    }
    assertThat(expiration("pr_2")).isLessThan(FUTURE);
    assertThat(expiration("pr_1")).isGreaterThan(System.currentTimeMillis());
    assertThat(expiration("prod")).isNull();
  }

  @Test
  void systemCatalogueThroughTheStockDriver() throws SQLException {
    assertThat(query("SELECT name, dialect, is_default, reachable, error, pooled FROM sys.gateways"))
        .containsExactly(java.util.Arrays.asList("local", "duckdb", "true", "true", null, "false"));
    java.sql.DatabaseMetaData md = c.getMetaData();
    List<List<String>> sys = new ArrayList<>();
    try (ResultSet rs = md.getTables(null, "sys", "%", null)) {
      while (rs.next()) {
        sys.add(List.of(rs.getString("TABLE_NAME"), rs.getString("TABLE_TYPE")));
      }
    }
    assertThat(sys).containsExactlyInAnyOrder(List.of("environments", "SYSTEM TABLE"),
        List.of("cleanup_history", "SYSTEM TABLE"), List.of("orphans", "SYSTEM TABLE"),
        List.of("gateways", "SYSTEM TABLE"), List.of("procedures", "SYSTEM TABLE"),
        List.of("sessions", "SYSTEM TABLE"));
    // Avatica's wire protocol has no request for procedures: the remote driver answers getProcedures with an
    // empty set whatever the server has. sys.procedures is how a remote client lists them.
    try (ResultSet rs = md.getProcedures(null, "sys", "%")) {
      assertThat(rs.next()).isFalse();
    }
    assertThat(query("SELECT name, signature FROM sys.procedures WHERE name LIKE '%ttl'")).containsExactly(
        List.of("sys.set_environment_ttl", "sys.set_environment_ttl(name VARCHAR, ttl VARCHAR)"));
    assertThat(query("SELECT name FROM sys.procedures")).hasSize(7);
    List<String> columns = new ArrayList<>();
    try (ResultSet rs = md.getColumns(null, "sys", "environments", "%")) {
      while (rs.next()) {
        columns.add(rs.getString("COLUMN_NAME"));
      }
    }
    assertThat(columns).startsWith("name", "status");
    List<String> schemas = new ArrayList<>();
    try (ResultSet rs = md.getSchemas()) {
      while (rs.next()) {
        schemas.add(rs.getString("TABLE_SCHEM"));
      }
    }
    assertThat(schemas).contains("sys", "sqlmesh");
  }

  /** Every state row and every catalogue object, as one string. */
  private String checksum() throws SQLException {
    return project.strings("SELECT string_agg(name || ':' || coalesce(expiration_ts, -1) || ':' || plan_id, ',' "
        + "ORDER BY name) FROM sqlmesh._environments") + "|"
        + project.strings("SELECT string_agg(database_name || '.' || schema_name || '.' || table_name, ',' ORDER BY "
        + "1) FROM duckdb_tables()") + "|" + project.views();
  }

  @Test
  void preparedStatementsDescribeTheirResultAtOnceAndRunOnlyWhenExecuted() throws SQLException {
    project.environment("dev", "schema", FUTURE);
    try (PreparedStatement ps = c.prepareStatement("INVALIDATE ENVIRONMENT ? SYNC")) {
      assertThat(ps.getMetaData().getColumnCount()).isEqualTo(8);
      assertThat(ps.getMetaData().getColumnName(5)).isEqualTo("sql");
      assertThat(ps.getMetaData().getColumnType(8)).isEqualTo(Types.BIGINT);
      assertThat(ps.getParameterMetaData().getParameterCount()).isEqualTo(1);
      assertThat(expiration("dev")).isEqualTo(FUTURE);

      ps.setString(1, "dev");
      assertThat(rows(ps.executeQuery())).extracting(r -> r.get(5))
          .containsExactly("INVALIDATED", "DROPPED", "DELETED");
    }
    assertThat(project.environments()).isEmpty();
    assertThat(project.views()).doesNotContain("sales__dev.orders");
  }

  @Test
  void procedureCallsWithPositionalAndNamedArguments() throws SQLException {
    project.environment("a", "schema", FUTURE);
    project.environment("b", "table", FUTURE);
    try (PreparedStatement ps = c.prepareStatement("CALL sys.invalidate_environment(sync => ?, name => ?)")) {
      ps.setBoolean(1, true);
      ps.setString(2, "a");
      assertThat(rows(ps.executeQuery())).extracting(r -> r.get(5))
          .containsExactly("INVALIDATED", "DROPPED", "DELETED");
    }
    assertThat(query("CALL sys.invalidate_environment('b')")).extracting(r -> r.get(5))
        .containsExactly("INVALIDATED");
    assertThat(query("CALL sys.cleanup_expired_environments(warn_on_failure => false)"))
        .extracting(r -> r.get(0), r -> r.get(5)).containsExactly(tuple("b", "DROPPED"), tuple("b", "DROPPED"),
            tuple("b", "DELETED"));
    assertThatThrownBy(() -> query("CALL sys.invalidate_environment('b', sync => true)"))
        .hasFieldOrPropertyWithValue("SQLState", "42601")
        .hasMessageContaining("cannot mix positional and named arguments");
    assertThat(project.environments()).isEmpty();
  }

  @Test
  void systemTablesTakeFiltersJoinsAndOrderBy() throws SQLException {
    project.environment("prod", "schema", null);
    project.environment("old", "schema", PAST);
    project.environment("new", "table", FUTURE);

    assertThat(query("SELECT name, status, suffix_target, snapshot_count, plan_id FROM sys.environments "
        + "WHERE status <> 'PROD' ORDER BY expiration_ts DESC")).containsExactly(
        List.of("new", "LIVE", "table", "3", "plan_new"), List.of("old", "EXPIRED", "schema", "3", "plan_old"));

    query("CLEANUP EXPIRED ENVIRONMENTS");
    List<List<String>> history = query("SELECT h.environment, h.object_kind, h.status FROM sys.cleanup_history h "
        + "LEFT JOIN sys.environments e ON e.name = h.environment WHERE e.name IS NULL AND h.environment = 'old' "
        + "ORDER BY h.at, h.object_kind DESC");
    assertThat(history).contains(List.of("old", "SCHEMA", "DROPPED"), List.of("old", "ENVIRONMENT", "DELETED"));
  }

  @Test
  void everyErrorHasItsSqlStateAndNoServerStackTrace() throws SQLException {
    project.environment("prod", "schema", null);
    project.environment("dev", "schema", FUTURE);
    String[][] cases = {
        {"INVALIDATE ENVIRONMENT nope", "42704", "environment 'nope' does not exist"},
        {"INVALIDATE ENVIRONMENT prod", "55000", "Cannot invalidate the production environment."},
        {"INVALIDATE ENVIRONMENT staging", "55000", "Cannot invalidate the pinned environment 'staging'."},
        {"INVALIDATE ENVIRONMENT", "42601", "line 1, column 22"},
        {"CLEANUP EXPIRED ENVIRONMENTS WARN ON", "42601", "Was expecting"},
        {"CALL sys.invalidate_environment(name => 1)", "22023", "must be a string"},
        {"CALL sys.cleanup()", "42883", "procedure sys.cleanup does not exist"},
        {"SELECT nope FROM sys.environments", "42703", "Column 'nope' not found"},
    };
    for (String[] k : cases) {
      assertThatThrownBy(() -> query(k[0])).as(k[0])
          .isInstanceOfSatisfying(AvaticaSqlException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo(k[1]);
            assertThat(e.getMessage()).contains(k[2]);
            assertThat(String.join("\n", e.getStackTraces())).doesNotContain("\tat ");
          });
    }
    for (String[] k : cases) {
      try (PreparedStatement ps = c.prepareStatement(k[0])) {
        assertThatThrownBy(ps::executeQuery).as("prepared " + k[0])
            .isInstanceOfSatisfying(AvaticaSqlException.class, e -> {
              assertThat(e.getSQLState()).isEqualTo(k[1]);
              assertThat(e.getMessage()).contains(k[2]);
            });
      }
    }
    assertThat(expiration("dev")).isEqualTo(FUTURE);
    assertThat(project.environments()).containsExactly("dev", "prod");
  }
}
