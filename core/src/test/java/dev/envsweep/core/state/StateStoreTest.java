package dev.envsweep.core.state;

import dev.envsweep.core.model.Environment;
import dev.envsweep.core.model.SnapshotTableInfo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envsweep.core.config.StateStoreConfig;
import dev.envsweep.core.execute.ConnectionPools;
import dev.envsweep.dialects.DuckDbDialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLMesh's state tables as SQLMesh writes them, on a real DuckDB file. */
class StateStoreTest {
  @TempDir Path dir;

  private String url() {
    return "jdbc:duckdb:" + dir.resolve("state.duckdb");
  }

  private void exec(String... sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    }
  }

  private StateStore open(boolean allowNewer) throws SQLException {
    DataSource ds = ConnectionPools.create("t", url(), null, null, Map.of(), new DuckDbDialect(), 2);
    return StateStore.open(ds, new DuckDbDialect(),
        new StateStoreConfig(null, null, null, null, "sqlmesh", false, allowNewer, Map.of()), url());
  }

  /** The columns of schema version 66 (SQLMesh 0.141.1): no gateway_managed, no _environment_statements. */
  private void version66() throws SQLException {
    exec("CREATE SCHEMA sqlmesh",
        "CREATE TABLE sqlmesh._environments (name TEXT PRIMARY KEY, snapshots TEXT, start_at TEXT, end_at TEXT, "
            + "plan_id TEXT, previous_plan_id TEXT, expiration_ts BIGINT, finalized_ts BIGINT, "
            + "promoted_snapshot_ids TEXT, suffix_target TEXT, catalog_name_override TEXT, "
            + "previous_finalized_snapshots TEXT, normalize_name BOOLEAN, requirements TEXT)",
        "CREATE TABLE sqlmesh._versions (schema_version INT, sqlglot_version TEXT, sqlmesh_version TEXT)",
        "INSERT INTO sqlmesh._versions VALUES (66, '25.0.0', '0.141.1')");
  }

  @Test
  void readsAnOlderSchemaWithSqlmeshsDefaultsForMissingColumns() throws SQLException {
    version66();
    exec("INSERT INTO sqlmesh._environments (name, snapshots, start_at, plan_id, expiration_ts, suffix_target, "
        + "normalize_name) VALUES ('dev', '[{\"name\": \"\\\"db\\\".\\\"s\\\".\\\"m\\\"\", \"kind_name\": \"FULL\", "
        + "\"a_field_from_the_future\": {\"x\": 1}}]', '2024-01-01', 'p', 5, 'schema', NULL)");
    StateStore store = open(false);
    try (Connection c = store.connection()) {
      Environment env = store.find(c, "dev").orElseThrow().environment();
      assertThat(env.gatewayManaged()).isFalse();
      assertThat(env.normalizeName()).isTrue();
      assertThat(env.snapshots()).containsExactly(new SnapshotTableInfo("\"db\".\"s\".\"m\"", "FULL", null, null));
      // No _environment_statements table in this version: deleting still works.
      c.setAutoCommit(false);
      assertThat(store.delete(c, env, 10)).isEqualTo(1);
      c.commit();
    }
  }

  @Test
  void readsEveryFieldOfTheReferenceExampleRow() throws SQLException {
    version66();
    exec("ALTER TABLE sqlmesh._environments ADD COLUMN gateway_managed BOOLEAN",
        "UPDATE sqlmesh._versions SET schema_version = 101");
    String full = "{\"name\": \"\\\"db\\\".\\\"sqlmesh_example\\\".\\\"full_model\\\"\", \"kind_name\": \"FULL\"}";
    exec("INSERT INTO sqlmesh._environments VALUES ('dev_1', '[" + full + "]', '2024-01-01', NULL, 'abc123', "
        + "'abc000', 1700000000000, NULL, '[{\"name\": \"\\\"db\\\".\\\"sqlmesh_example\\\".\\\"full_model\\\"\", "
        + "\"identifier\": \"167424940\"}]', 'schema', 'dev_cat', '[" + full + "]', FALSE, '{}', TRUE)");
    StateStore store = open(false);
    try (Connection c = store.connection()) {
      StateStore.EnvironmentRecord r = store.find(c, "dev_1").orElseThrow();
      assertThat(r.previousPlanId()).isEqualTo("abc000");
      assertThat(r.previousFinalizedSnapshots()).extracting(SnapshotTableInfo::name)
          .containsExactly("\"db\".\"sqlmesh_example\".\"full_model\"");
      assertThat(r.promotedSnapshotIdsJson()).contains("167424940");
      Environment env = r.environment();
      assertThat(env.catalogNameOverride()).isEqualTo("dev_cat");
      assertThat(env.normalizeName()).isFalse();
      assertThat(env.gatewayManaged()).isTrue();
      assertThat(env.suffixTarget()).isEqualTo("schema");
      assertThat(env.expirationTs()).isEqualTo(1_700_000_000_000L);
    }
  }

  @Test
  void refusesSchemaVersionsItDoesNotKnowNamingBoth() throws SQLException {
    version66();
    exec("UPDATE sqlmesh._versions SET schema_version = 59");
    assertThatThrownBy(() -> open(false)).hasMessageContaining("has schema version 59, older than envsweep reads "
        + "(60 to 101); run 'sqlmesh migrate'");
    exec("UPDATE sqlmesh._versions SET schema_version = 102");
    assertThatThrownBy(() -> open(false)).hasMessageContaining("has schema version 102, newer than envsweep knows "
        + "(60 to 101); set state_store.allow_newer_schema: true");
    // Newer and allowed: only if every column envsweep reads is there (version 66's layout lacks gateway_managed).
    assertThatThrownBy(() -> open(true)).hasMessageContaining("(schema version 102) has no column gateway_managed");
    exec("ALTER TABLE sqlmesh._environments ADD COLUMN gateway_managed BOOLEAN");
    assertThat(open(true)).isNotNull();
  }

  @Test
  void aBatchedDeleteRemovesOnlyRowsStillAtTheirPlanIdAndExpired() throws SQLException {
    version66();
    for (int i = 0; i < 5; i++) {
      exec("INSERT INTO sqlmesh._environments (name, snapshots, start_at, plan_id, expiration_ts, suffix_target) "
          + "VALUES ('e" + i + "', '[]', 'x', 'p" + i + "', 5, 'schema')");
    }
    StateStore store = open(false);
    try (Connection c = store.connection()) {
      List<Environment> read = new java.util.ArrayList<>();
      for (int i = 0; i < 5; i++) {
        read.add(store.find(c, "e" + i).orElseThrow().environment());
      }
      // Since they were read: e1 re-planned, e3 no longer expired, e4 gone (another janitor).
      exec("UPDATE sqlmesh._environments SET plan_id = 'p1b' WHERE name = 'e1'",
          "UPDATE sqlmesh._environments SET expiration_ts = 50 WHERE name = 'e3'",
          "DELETE FROM sqlmesh._environments WHERE name = 'e4'");
      c.setAutoCommit(false);
      assertThat(store.deleteAll(c, read, 10)).containsExactly(1, 0, 1, 0, 1);
      c.commit();
      assertThat(store.page("", 10)).extracting(StateStore.EnvironmentRecord::name).containsExactly("e1", "e3");
      // All still as read: one statement, every row gone.
      List<Environment> rest = List.of(store.find(c, "e1").orElseThrow().environment(),
          store.find(c, "e3").orElseThrow().environment());
      assertThat(store.deleteAll(c, rest, 100)).containsExactly(1, 1);
      c.commit();
      assertThat(store.page("", 10)).isEmpty();
    }
  }

  @Test
  void pagesOfExpiredNamesFollowOneAnother() throws SQLException {
    version66();
    for (int i = 0; i < 7; i++) {
      exec("INSERT INTO sqlmesh._environments (name, snapshots, start_at, plan_id, expiration_ts, suffix_target) "
          + "VALUES ('e" + i + "', '[]', 'x', 'p', " + (i == 3 ? "NULL" : "5") + ", 'schema')");
    }
    StateStore store = open(false);
    assertThat(store.expiredNames(10, "", 4)).containsExactly("e0", "e1", "e2", "e4");
    assertThat(store.expiredNames(10, "e4", 4)).containsExactly("e5", "e6");
    assertThat(store.expiredNames(10, "e6", 4)).isEmpty();
    assertThat(store.expiredNames(4, "", 4)).isEmpty();
  }

  @Test
  void badSnapshotJsonFailsThatEnvironmentOnly() throws SQLException {
    version66();
    exec("INSERT INTO sqlmesh._environments (name, snapshots, start_at, plan_id, expiration_ts, suffix_target) "
        + "VALUES ('bad', '[{oops', 'x', 'p', 5, 'schema')");
    StateStore store = open(false);
    try (Connection c = store.connection()) {
      StateStore.EnvironmentRecord r = store.find(c, "bad").orElseThrow();
      assertThatThrownBy(r::environment).isInstanceOf(InvalidStateException.class)
          .hasMessageStartingWith("environment 'bad': snapshots are not valid SnapshotTableInfo JSON");
    }
    assertThat(store.page("", 10)).extracting(StateStore.EnvironmentRecord::name).containsExactly("bad");
  }

  @Test
  void aMissingStateStoreIsNamedNotTakenForAnEmptyOne() {
    assertThatThrownBy(() -> open(false)).hasMessageStartingWith("no SQLMesh state at " + url()
        + ", schema sqlmesh: table _environments does not exist");
  }

  @Test
  void creationMakesSqlmeshsLayout() throws SQLException {
    DataSource ds = ConnectionPools.create("t", url(), null, null, Map.of(), new DuckDbDialect(), 2);
    StateStore.open(ds, new DuckDbDialect(),
        new StateStoreConfig(null, null, null, null, "sqlmesh", true, false, Map.of()), url());
    try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_schema = "
            + "'sqlmesh' AND table_name = '_environments' ORDER BY ordinal_position")) {
      List<String> cols = new java.util.ArrayList<>();
      while (rs.next()) {
        cols.add(rs.getString(1));
      }
      assertThat(cols).containsExactly("name", "snapshots", "start_at", "end_at", "plan_id", "previous_plan_id",
          "expiration_ts", "finalized_ts", "promoted_snapshot_ids", "suffix_target", "catalog_name_override",
          "previous_finalized_snapshots", "normalize_name", "requirements", "gateway_managed");
    }
  }
}
