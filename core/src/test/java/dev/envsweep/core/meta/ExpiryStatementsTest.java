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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EXPLAIN INVALIDATE, RESTORE, ALTER ENVIRONMENT ... SET, INVALIDATE ENVIRONMENTS LIKE, and their CALL forms. */
class ExpiryStatementsTest {
  static final long FUTURE = 4_000_000_000_000L;
  static final long DAY = 86_400_000L;

  @TempDir Path dir;
  Connection conn;

  @BeforeEach
  void setUp() throws Exception {
    long now = System.currentTimeMillis();
    try (DuckDbProject wh = new DuckDbProject(dir, "wh.duckdb")) {
      wh.project.environment("prod", SuffixTarget.SCHEMA, null, MODELS);
      for (String env : List.of("dev", "pr_1", "pr_2", "pr_3", "pr_pinned", "other")) {
        wh.project.environment(env, env.equals("dev") ? SuffixTarget.TABLE : SuffixTarget.SCHEMA, FUTURE, MODELS);
      }
      wh.exec("UPDATE sqlmesh._environments SET finalized_ts = " + (now - 10 * DAY)
          + " WHERE name IN ('pr_1', 'pr_pinned', 'other')");
      wh.exec("UPDATE sqlmesh._environments SET finalized_ts = " + (now - DAY) + " WHERE name = 'pr_2'");
      wh.exec("UPDATE sqlmesh._environments SET finalized_ts = NULL WHERE name = 'pr_3'");
    }
    Path config = dir.resolve("envsweep.yaml");
    Files.writeString(config, "gateways:\n  local:\n    url: jdbc:duckdb:" + dir.resolve("wh.duckdb")
        + "\npinned_environments: [pr_pinned]\n");
    conn = DriverManager.getConnection("jdbc:envsweep:" + config);
  }

  @AfterEach
  void tearDown() throws SQLException {
    conn.close();
  }

  List<List<String>> rows(String sql) throws SQLException {
    List<List<String>> out = new ArrayList<>();
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
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

  Long expiration(String env) throws SQLException {
    List<List<String>> r = rows("SELECT expiration_ts FROM sqlmesh._environments WHERE name = '" + env + "'");
    return r.isEmpty() || r.get(0).get(0) == null ? null : Long.valueOf(r.get(0).get(0));
  }

  String checksum() throws SQLException {
    return rows("SELECT name, expiration_ts, plan_id FROM sqlmesh._environments ORDER BY name") + "|"
        + rows("SELECT schema_name, view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1, 2") + "|"
        + rows("SELECT count(*) FROM envsweep.cleanup_history");
  }

  @Test
  void explainInvalidateSyncShowsWhatTheRunThenDoesAndChangesNothing() throws SQLException {
    String before = checksum();
    List<List<String>> plan = rows("EXPLAIN INVALIDATE ENVIRONMENT dev SYNC");
    assertThat(checksum()).isEqualTo(before);
    assertThat(plan).extracting(r -> r.get(5)).containsOnly("PLANNED");

    List<List<String>> run = rows("INVALIDATE ENVIRONMENT dev SYNC");
    assertThat(run).extracting(r -> r.subList(0, 5)).isEqualTo(plan.stream().map(r -> r.subList(0, 5)).toList());
    assertThat(run).extracting(r -> r.get(5)).containsExactly("INVALIDATED", "DROPPED", "DROPPED", "DELETED");
    assertThat(rows("EXPLAIN INVALIDATE ENVIRONMENT pr_1")).extracting(r -> r.get(4), r -> r.get(5))
        .containsExactly(org.assertj.core.groups.Tuple.tuple(
            "UPDATE \"wh\".\"sqlmesh\".\"_environments\" SET \"expiration_ts\" = ? WHERE \"name\" = ?", "PLANNED"));
    assertThatThrownBy(() -> rows("EXPLAIN INVALIDATE ENVIRONMENT prod")).hasFieldOrPropertyWithValue("SQLState",
        "55000");
    assertThatThrownBy(() -> rows("EXPLAIN INVALIDATE ENVIRONMENT nope")).hasFieldOrPropertyWithValue("SQLState",
        "42704");
  }

  @Test
  void restoreUndoesAnInvalidationCleanupHasNotReached() throws SQLException {
    rows("INVALIDATE ENVIRONMENT pr_1");
    assertThat(expiration("pr_1")).isLessThan(FUTURE);

    List<List<String>> restored = rows("RESTORE ENVIRONMENT pr_1");
    assertThat(restored).extracting(r -> r.get(5)).containsExactly("RESTORED");
    assertThat(restored.get(0).get(6)).endsWith("-> " + Instant.ofEpochMilli(FUTURE));
    assertThat(expiration("pr_1")).isEqualTo(FUTURE);

    assertThatThrownBy(() -> rows("RESTORE ENVIRONMENT pr_1")).hasFieldOrPropertyWithValue("SQLState", "55000")
        .hasMessageContaining("was not invalidated by envsweep");
    assertThatThrownBy(() -> rows("RESTORE ENVIRONMENT pr_2")).hasFieldOrPropertyWithValue("SQLState", "55000");
    rows("INVALIDATE ENVIRONMENT pr_2 SYNC");
    assertThatThrownBy(() -> rows("RESTORE ENVIRONMENT pr_2")).hasFieldOrPropertyWithValue("SQLState", "42704")
        .hasMessageContaining("cleanup has already removed it");
    assertThatThrownBy(() -> rows("RESTORE ENVIRONMENT prod")).hasFieldOrPropertyWithValue("SQLState", "55000");
    rows("INVALIDATE ENVIRONMENT pr_3");
    assertThat(rows("CALL sys.restore_environment(name => 'pr_3')")).extracting(r -> r.get(5))
        .containsExactly("RESTORED");
    assertThat(expiration("pr_3")).isEqualTo(FUTURE);
  }

  @Test
  void alterSetsTtlNoneOrAMoment() throws SQLException {
    long today = Instant.now().truncatedTo(ChronoUnit.DAYS).toEpochMilli();
    assertThat(rows("ALTER ENVIRONMENT pr_1 SET TTL 'in 2 weeks'")).extracting(r -> r.get(5))
        .containsExactly("UPDATED");
    // Categorical TTLs count from 00:00 UTC, as SQLMesh's environment_ttl does.
    assertThat(expiration("pr_1")).isEqualTo(today + 14 * DAY);

    long before = System.currentTimeMillis();
    rows("ALTER ENVIRONMENT pr_1 SET TTL INTERVAL '3' HOUR");
    assertThat(expiration("pr_1")).isBetween(before + 3 * 3_600_000L - 60_000, System.currentTimeMillis()
        + 3 * 3_600_000L + 60_000);
    rows("ALTER ENVIRONMENT pr_1 SET TTL 'in 1 week 1 hour'");
    assertThat(expiration("pr_1")).isGreaterThan(today + 7 * DAY);

    rows("ALTER ENVIRONMENT pr_1 SET EXPIRATION NONE");
    assertThat(expiration("pr_1")).isNull();
    rows("ALTER ENVIRONMENT pr_1 SET EXPIRES AT TIMESTAMP '2099-01-02 03:04:05'");
    assertThat(expiration("pr_1")).isEqualTo(Instant.parse("2099-01-02T03:04:05Z").toEpochMilli());
    try (PreparedStatement ps = conn.prepareStatement("ALTER ENVIRONMENT ? SET EXPIRES AT ?")) {
      ps.setString(1, "pr_1");
      ps.setString(2, "2098-06-01T00:00:00+02:00");
      ps.executeQuery().close();
    }
    assertThat(expiration("pr_1")).isEqualTo(Instant.parse("2098-05-31T22:00:00Z").toEpochMilli());
    rows("CALL sys.set_environment_ttl('pr_1', 'in 3 days')");
    assertThat(expiration("pr_1")).isEqualTo(today + 3 * DAY);
    rows("CALL sys.set_environment_ttl(name => 'pr_1', ttl => 'none')");
    assertThat(expiration("pr_1")).isNull();

    String[][] refused = {
        {"ALTER ENVIRONMENT pr_1 SET EXPIRES AT TIMESTAMP '2001-01-01 00:00:00'", "22023", "is in the past"},
        {"ALTER ENVIRONMENT pr_1 SET TTL 'in two weeks'", "22023", "invalid TTL 'in two weeks'"},
        {"ALTER ENVIRONMENT pr_1 SET TTL 'in 2 fortnights'", "22023", "invalid TTL"},
        {"ALTER ENVIRONMENT pr_1 SET TTL 'in 0 days'", "22023", "not in the future"},
        {"ALTER ENVIRONMENT prod SET TTL 'in 1 week'", "55000", "Cannot change the expiry of the production"},
        {"ALTER ENVIRONMENT pr_pinned SET EXPIRATION NONE", "55000", "pinned environment 'pr_pinned'"},
        {"ALTER ENVIRONMENT nope SET EXPIRATION NONE", "42704", "environment 'nope' does not exist"},
        {"ALTER ENVIRONMENT pr_1 SET TTL", "42601", "line 1, column 30"},
    };
    for (String[] r : refused) {
      assertThatThrownBy(() -> rows(r[0])).as(r[0]).hasFieldOrPropertyWithValue("SQLState", r[1])
          .hasMessageContaining(r[2]);
    }
    assertThat(expiration("pr_1")).isNull();
  }

  @Test
  void bulkInvalidationByPatternAndAgeNeverTouchesProdOrPinned() throws SQLException {
    String before = checksum();
    List<List<String>> plan = rows("EXPLAIN INVALIDATE ENVIRONMENTS LIKE 'pr%' OLDER THAN INTERVAL '7' DAY");
    assertThat(checksum()).isEqualTo(before);
    assertThat(plan).extracting(r -> r.get(0), r -> r.get(5)).containsExactly(
        org.assertj.core.groups.Tuple.tuple("pr_1", "PLANNED"), org.assertj.core.groups.Tuple.tuple("pr_pinned",
            "WARNING"), org.assertj.core.groups.Tuple.tuple("prod", "WARNING"));

    List<List<String>> run = rows("INVALIDATE ENVIRONMENTS LIKE 'pr%' OLDER THAN INTERVAL '7' DAY");
    assertThat(run).extracting(r -> r.get(0), r -> r.get(5)).containsExactly(
        org.assertj.core.groups.Tuple.tuple("pr_1", "INVALIDATED"),
        org.assertj.core.groups.Tuple.tuple("pr_pinned", "WARNING"),
        org.assertj.core.groups.Tuple.tuple("prod", "WARNING"));
    assertThat(expiration("pr_1")).isLessThan(FUTURE);
    // Finalized a day ago, never finalized, pinned, not matching: untouched.
    assertThat(List.of(expiration("pr_2"), expiration("pr_3"), expiration("pr_pinned"), expiration("other")))
        .containsOnly(FUTURE);

    assertThat(rows("CALL sys.invalidate_environments(name_like => 'pr%', older_than => '12 hours')"))
        .extracting(r -> r.get(0), r -> r.get(5)).containsExactly(
            org.assertj.core.groups.Tuple.tuple("pr_1", "INVALIDATED"),
            org.assertj.core.groups.Tuple.tuple("pr_2", "INVALIDATED"),
            org.assertj.core.groups.Tuple.tuple("pr_pinned", "WARNING"),
            org.assertj.core.groups.Tuple.tuple("prod", "WARNING"));
    assertThat(rows("INVALIDATE ENVIRONMENTS LIKE '%'")).extracting(r -> r.get(0), r -> r.get(5))
        .contains(org.assertj.core.groups.Tuple.tuple("prod", "WARNING"),
            org.assertj.core.groups.Tuple.tuple("other", "INVALIDATED"),
            org.assertj.core.groups.Tuple.tuple("pr_3", "INVALIDATED"));
    assertThat(expiration("prod")).isNull();
    assertThat(expiration("pr_pinned")).isEqualTo(FUTURE);
  }

  @Test
  void explainCleanupAsAProcedure() throws SQLException {
    rows("INVALIDATE ENVIRONMENT pr_1");
    assertThat(rows("CALL sys.explain_cleanup()")).extracting(r -> r.get(4))
        .containsExactly("DROP SCHEMA IF EXISTS \"wh\".\"sales__pr_1\" CASCADE",
            "DELETE FROM \"wh\".\"sqlmesh\".\"_environments\" WHERE \"name\" = ? AND \"plan_id\" = ? AND "
                + "\"expiration_ts\" <= ?");
  }
}
