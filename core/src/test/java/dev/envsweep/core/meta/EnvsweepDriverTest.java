package dev.envsweep.core.meta;

import static dev.envsweep.core.testing.DuckDbProject.MODELS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envsweep.core.model.SuffixTarget;
import dev.envsweep.core.testing.DuckDbProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process driver: envsweep's statements as result sets, everything else forwarded to DuckDB. */
class EnvsweepDriverTest {
  @TempDir Path dir;
  private Connection conn;

  @BeforeEach
  void setUp() throws Exception {
    try (DuckDbProject wh = new DuckDbProject(dir, "wh.duckdb")) {
      wh.project.environment("prod", SuffixTarget.SCHEMA, null, MODELS);
      wh.project.environment("dev", SuffixTarget.SCHEMA, 1_000L, MODELS);
      wh.project.environment("live", SuffixTarget.TABLE, 4_000_000_000_000L, MODELS);
    }
    Path config = dir.resolve("envsweep.yaml");
    Files.writeString(config, "gateways:\n  local:\n    url: jdbc:duckdb:" + dir.resolve("wh.duckdb") + "\n");
    conn = DriverManager.getConnection("jdbc:envsweep:" + config);
  }

  @AfterEach
  void tearDown() throws SQLException {
    conn.close();
  }

  private static List<List<String>> rows(ResultSet rs) throws SQLException {
    List<List<String>> out = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      List<String> row = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        row.add(rs.getString(i));
      }
      out.add(row);
    }
    return out;
  }

  @Test
  void anInProcessConnectionUnwrapsToTheEnvsweepItRunsOn() throws SQLException {
    assertThat(conn.isWrapperFor(dev.envsweep.core.Envsweep.class)).isTrue();
    dev.envsweep.core.Envsweep envsweep = conn.unwrap(dev.envsweep.core.Envsweep.class);
    // The same figure the sys tables give, straight from the state store.
    long expired;
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM sys.environments WHERE status = 'EXPIRED'")) {
      rs.next();
      expired = rs.getLong(1);
    }
    assertThat(envsweep.environmentCounts(envsweep.state().now()).expired()).isEqualTo(expired);
    assertThatThrownBy(() -> conn.unwrap(String.class)).isInstanceOf(SQLException.class);
  }

  @Test
  void everyOtherStatementIsForwardedToTheDefaultGateway() throws SQLException {
    try (Statement s = conn.createStatement()) {
      assertThat(s.execute("CREATE TABLE t(cleanup INT)")).isFalse();
      assertThat(s.getUpdateCount()).isZero();
      assertThat(s.executeUpdate("INSERT INTO t VALUES (7)")).isEqualTo(1);
      assertThat(rows(s.executeQuery("SELECT cleanup FROM t"))).containsExactly(List.of("7"));
      assertThat(s.execute("PRAGMA database_list")).isTrue();
      assertThat(rows(s.getResultSet())).extracting(r -> r.get(1)).contains("wh");
      assertThatThrownBy(() -> s.execute("SELEC 1")).hasMessageContaining("Parser Error");
    }
  }

  @Test
  void invalidateReturnsItsRowAndTheViewsStayQueryable() throws SQLException {
    try (Statement s = conn.createStatement()) {
      assertThat(s.execute("INVALIDATE ENVIRONMENT live")).isTrue();
      ResultSet rs = s.getResultSet();
      ResultSetMetaData md = rs.getMetaData();
      assertThat(md.getColumnCount()).isEqualTo(8);
      assertThat(md.getColumnName(1)).isEqualTo("environment");
      assertThat(md.getColumnName(8)).isEqualTo("elapsed_ms");
      assertThat(md.getColumnType(8)).isEqualTo(Types.BIGINT);
      List<List<String>> rows = rows(rs);
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).subList(0, 6)).containsExactly("live", null, "ENVIRONMENT", "live",
          "UPDATE \"wh\".\"sqlmesh\".\"_environments\" SET \"expiration_ts\" = ? WHERE \"name\" = ?", "INVALIDATED");
      assertThat(s.getUpdateCount()).isEqualTo(-1);
      assertThat(s.getMoreResults()).isFalse();
      assertThat(rows(s.executeQuery("SELECT count(*) FROM wh.sales.orders__live"))).containsExactly(List.of("3"));
    }
  }

  @Test
  void preparedStatementsHaveMetadataAtOnceAndRunOnlyOnExecute() throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("INVALIDATE ENVIRONMENT ? SYNC")) {
      assertThat(ps.getMetaData().getColumnCount()).isEqualTo(8);
      assertThat(ps.getParameterMetaData().getParameterCount()).isEqualTo(1);
      assertThat(ps.getParameterMetaData().getParameterType(1)).isEqualTo(Types.VARCHAR);
      assertThat(expiration("live")).isEqualTo(4_000_000_000_000L);

      ps.setString(1, "live");
      List<List<String>> rows = rows(ps.executeQuery());
      assertThat(rows).extracting(r -> r.get(5)).containsExactly("INVALIDATED", "DROPPED", "DROPPED", "DELETED");
    }
    assertThat(envs()).containsExactly("dev", "prod");
  }

  @Test
  void callFormsWithPositionalAndNamedArguments() throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("CALL sys.invalidate_environment(name => ?, sync => ?)")) {
      assertThat(ps.getParameterMetaData().getParameterType(2)).isEqualTo(Types.BOOLEAN);
      ps.setString(1, "live");
      ps.setBoolean(2, false);
      assertThat(rows(ps.executeQuery())).extracting(r -> r.get(5)).containsExactly("INVALIDATED");
    }
    try (Statement s = conn.createStatement()) {
      List<List<String>> rows = rows(s.executeQuery("CALL sys.cleanup_expired_environments(false)"));
      assertThat(rows).extracting(r -> r.get(0)).containsOnly("dev", "live");
      assertThat(rows).extracting(r -> r.get(5)).doesNotContain("FAILED");
    }
    assertThat(envs()).containsExactly("prod");
  }

  @Test
  void systemTablesAnswerOrdinarySql() throws SQLException {
    try (Statement s = conn.createStatement()) {
      assertThat(rows(s.executeQuery("SELECT name, status, suffix_target, snapshot_count, expiration_ts, "
          + "CAST(expires_at AS VARCHAR) FROM sys.environments ORDER BY name DESC"))).containsExactly(
          java.util.Arrays.asList("prod", "PROD", "schema", "3", null, null),
          List.of("live", "LIVE", "table", "3", "4000000000000", "2096-10-02 07:06:40"),
          List.of("dev", "EXPIRED", "schema", "3", "1000", "1970-01-01 00:00:01"));
      assertThat(rows(s.executeQuery("SELECT count(*) FROM sys.environments WHERE status = 'EXPIRED'")))
          .containsExactly(List.of("1"));
    }
  }

  @Test
  void historyOfARunIsQueryableByItsId() throws SQLException {
    try (Statement s = conn.createStatement()) {
      rows(s.executeQuery("CLEANUP EXPIRED ENVIRONMENTS"));
    }
    String runId;
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("SELECT DISTINCT run_id FROM sys.cleanup_history")) {
      assertThat(rs.next()).isTrue();
      runId = rs.getString(1);
    }
    try (PreparedStatement ps = conn.prepareStatement("SELECT environment, object_kind, status, server "
        + "FROM sys.cleanup_history WHERE run_id = ? ORDER BY at, object_kind DESC")) {
      ps.setString(1, runId);
      List<List<String>> rows = rows(ps.executeQuery());
      assertThat(rows).extracting(r -> r.subList(0, 3)).containsExactly(
          List.of("dev", "SCHEMA", "DROPPED"), List.of("dev", "ENVIRONMENT", "DELETED"));
      assertThat(rows.get(0).get(3)).endsWith("/" + ProcessHandle.current().pid());
    }
  }

  @Test
  void errorsCarryTheirSqlStates() throws SQLException {
    try (Statement s = conn.createStatement()) {
      assertThatThrownBy(() -> s.execute("INVALIDATE ENVIRONMENT nope"))
          .hasFieldOrPropertyWithValue("SQLState", "42704");
      assertThatThrownBy(() -> s.execute("INVALIDATE ENVIRONMENT prod"))
          .hasFieldOrPropertyWithValue("SQLState", "55000");
      assertThatThrownBy(() -> s.execute("INVALIDATE ENVIRONMEN dev"))
          .hasFieldOrPropertyWithValue("SQLState", "42601").hasMessageContaining("line 1, column 12");
      assertThatThrownBy(() -> s.execute("SELECT * FROM sys.environments WHERE nope = 1"))
          .hasFieldOrPropertyWithValue("SQLState", "42703").hasMessageContaining("Column 'nope' not found");
      assertThatThrownBy(() -> s.execute("SELECT * FROM sys.environments e JOIN warehouse_table w ON true"))
          .hasFieldOrPropertyWithValue("SQLState", "42P01");
      assertThatThrownBy(() -> s.executeUpdate("CLEANUP EXPIRED ENVIRONMENTS"))
          .hasFieldOrPropertyWithValue("SQLState", "07000");
    }
    // Reported when executed, where Avatica's remote client keeps the message (it drops it at prepare).
    PreparedStatement bad = conn.prepareStatement("CLEANUP EXPIRED");
    assertThat(bad.getMetaData().getColumnCount()).isZero();
    assertThatThrownBy(bad::executeQuery).hasFieldOrPropertyWithValue("SQLState", "42601")
        .hasMessageContaining("line 1, column 15");
    PreparedStatement badColumn = conn.prepareStatement("SELECT nope FROM sys.environments WHERE name = ?");
    badColumn.setString(1, "x");
    assertThatThrownBy(badColumn::executeQuery).hasFieldOrPropertyWithValue("SQLState", "42703");
    assertThat(envs()).containsExactly("dev", "live", "prod");
  }

  @Test
  void explainRunsNothing() throws SQLException {
    try (Statement s = conn.createStatement()) {
      assertThat(rows(s.executeQuery("EXPLAIN CLEANUP EXPIRED ENVIRONMENTS"))).extracting(r -> r.get(4), r -> r.get(5))
          .containsExactly(org.assertj.core.groups.Tuple.tuple(
              "DROP SCHEMA IF EXISTS \"wh\".\"sales__dev\" CASCADE", "PLANNED"),
              org.assertj.core.groups.Tuple.tuple("DELETE FROM \"wh\".\"sqlmesh\".\"_environments\" WHERE \"name\" = ? "
                  + "AND \"plan_id\" = ? AND \"expiration_ts\" <= ?", "PLANNED"));
    }
    assertThat(envs()).containsExactly("dev", "live", "prod");
  }

  private Long expiration(String env) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("SELECT expiration_ts FROM sqlmesh._environments "
        + "WHERE name = ?")) {
      ps.setString(1, env);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  private List<String> envs() throws SQLException {
    try (Statement s = conn.createStatement()) {
      return rows(s.executeQuery("SELECT name FROM sqlmesh._environments ORDER BY name")).stream()
          .map(r -> r.get(0)).toList();
    }
  }
}
