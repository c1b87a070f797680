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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sys} queries written as people write them against PostgreSQL (the same connection forwards such SQL
 * to the gateway): its functions and ILIKE, and the column labels PostgreSQL gives unnamed columns.
 */
class PostgresStyleSysQueryTest {
  static final long EXPIRED = Instant.parse("2024-03-15T10:20:30Z").toEpochMilli();
  static final long FUTURE = Instant.parse("2999-01-01T00:00:00Z").toEpochMilli();

  @TempDir Path dir;
  Connection conn;

  @BeforeEach
  void setUp() throws Exception {
    try (DuckDbProject wh = new DuckDbProject(dir, "wh.duckdb")) {
      wh.project.environment("prod", SuffixTarget.SCHEMA, null, MODELS);
      wh.project.environment("pr_upper", SuffixTarget.SCHEMA, EXPIRED, MODELS);
      wh.project.environment("pr_lower", SuffixTarget.SCHEMA, FUTURE, MODELS);
    }
    Path config = dir.resolve("envsweep.yaml");
    Files.writeString(config, "gateways:\n  local:\n    url: jdbc:duckdb:" + dir.resolve("wh.duckdb") + "\n");
    conn = DriverManager.getConnection("jdbc:envsweep:" + config);
  }

  @AfterEach
  void tearDown() throws SQLException {
    conn.close();
  }

  private List<String> labels(String sql) throws SQLException {
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> out = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        out.add(md.getColumnLabel(i));
      }
      return out;
    }
  }

  private List<String> column(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @Test
  void unnamedColumnsAreLabelledAsPostgresLabelsThem() throws SQLException {
    assertThat(labels("SELECT count(*), max(name), count(name) AS n, 1 + 1, CAST(name AS VARCHAR), lower(name) "
        + "FROM sys.environments GROUP BY name")).containsExactly("count", "max", "n", "?column?", "name", "lower");
    assertThat(labels("SELECT status, count(*) FROM sys.environments GROUP BY status ORDER BY 1"))
        .containsExactly("status", "count");
    // A star keeps Calcite's labels' positions honest: named columns come from the table.
    assertThat(labels("SELECT * FROM sys.procedures")).doesNotContain("EXPR$0");
    // Prepared, as pgjdbc and DBeaver run queries, the same labels.
    try (PreparedStatement ps = conn.prepareStatement("SELECT count(*) FROM sys.environments WHERE name ILIKE ?")) {
      ps.setString(1, "pr%");
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("count");
        rs.next();
        assertThat(rs.getLong("count")).isEqualTo(3); // pr_lower, pr_upper and prod
      }
    }
  }

  @Test
  void postgresFunctionsAndIlikeWork() throws SQLException {
    assertThat(column("SELECT name FROM sys.environments WHERE name ILIKE '%UPPER' OR name ILIKE 'PR_L%' "
        + "ORDER BY name")).containsExactly("pr_lower", "pr_upper");
    assertThat(column("SELECT name FROM sys.environments WHERE name LIKE '%UPPER'")).isEmpty();
    assertThat(column("SELECT name FROM sys.environments WHERE expires_at < now() - INTERVAL '1' DAY"))
        .containsExactly("pr_upper");
    assertThat(column("SELECT date_trunc('day', expires_at) FROM sys.environments WHERE name = 'pr_upper'"))
        .containsExactly("2024-03-15 00:00:00.000");
    assertThat(column("SELECT date_trunc('month', expires_at) FROM sys.environments WHERE name = 'pr_upper'"))
        .containsExactly("2024-03-01 00:00:00.000");
    assertThat(column("SELECT date_trunc('week', expires_at) FROM sys.environments WHERE name = 'pr_upper'"))
        .containsExactly("2024-03-11 00:00:00.000");
    assertThat(column("SELECT to_char(expires_at, 'YYYY-MM-DD') FROM sys.environments WHERE name = 'pr_upper'"))
        .containsExactly("2024-03-15");
    assertThat(column("SELECT string_agg(name, ',' ORDER BY name) FROM sys.environments"))
        .containsExactly("pr_lower,pr_upper,prod");
    // now() is the current moment in UTC, as CURRENT_TIMESTAMP.
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("SELECT now(), CURRENT_TIMESTAMP FROM sys.procedures LIMIT 1")) {
      rs.next();
      assertThat(Math.abs(rs.getTimestamp(1).getTime() - rs.getTimestamp(2).getTime())).isLessThan(5_000);
    }
  }

  @Test
  void badArgumentsAreTheDatasNotAnInternalError() {
    assertThatThrownBy(() -> column("SELECT date_trunc('fortnight', expires_at) FROM sys.environments"))
        .isInstanceOf(SQLException.class).hasMessageContaining("unit \"fortnight\" not recognized for date_trunc")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22023"));
    assertThatThrownBy(() -> column("SELECT name FROM sys.environments WHERE expires_at > '2020-01-01T00:00:00Z'"))
        .isInstanceOf(SQLException.class).hasMessageContaining("'2020-01-01T00:00:00Z'")
        .hasMessageContaining("TIMESTAMP '2026-12-01 00:00:00'")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22007"));
  }
}
