package dev.envsweep.core.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

/**
 * SQLMesh's state tables as given schema versions lay them out (reference 1.2-1.4), on any engine that takes
 * TEXT/BIGINT/BOOLEAN, and rows written the way SQLMesh writes them.
 */
public final class SqlMeshState {
  private final Connection c;
  private final String schema;
  private final int version;

  private SqlMeshState(Connection c, String schema, int version) {
    this.c = c;
    this.schema = schema;
    this.version = version;
  }

  /**
   * Version 101 (SQLMesh 0.233): every column and {@code _environment_statements}. Version 66 (SQLMesh 0.141.1,
   * the last on pydantic 1): no {@code gateway_managed} (v0079), no {@code _environment_statements} (v0072).
   */
  public static SqlMeshState create(Connection c, String schema, int version) throws SQLException {
    SqlMeshState s = new SqlMeshState(c, schema, version);
    s.exec("CREATE SCHEMA IF NOT EXISTS " + schema);
    s.exec("CREATE TABLE " + schema + "._environments (name TEXT PRIMARY KEY, snapshots TEXT, start_at TEXT, "
        + "end_at TEXT, plan_id TEXT, previous_plan_id TEXT, expiration_ts BIGINT, finalized_ts BIGINT, "
        + "promoted_snapshot_ids TEXT, suffix_target TEXT, catalog_name_override TEXT, "
        + "previous_finalized_snapshots TEXT, normalize_name BOOLEAN, requirements TEXT"
        + (version >= 79 ? ", gateway_managed BOOLEAN" : "") + ")");
    if (version >= 72) {
      s.exec("CREATE TABLE " + schema + "._environment_statements (environment_name TEXT PRIMARY KEY, "
          + "plan_id TEXT, environment_statements TEXT)");
    }
    s.exec("CREATE TABLE " + schema + "._versions (schema_version INT, sqlglot_version TEXT, sqlmesh_version TEXT)");
    s.exec("INSERT INTO " + schema + "._versions VALUES (" + version + ", '30.2.1', '"
        + (version == 66 ? "0.141.1" : "0.233.0") + "')");
    return s;
  }

  /** One environment row; {@code snapshotsJson} as SQLMesh's json.dumps wrote it. */
  public void environment(String name, String snapshotsJson, String planId, Long expirationTs, String suffixTarget,
      String catalogNameOverride, boolean gatewayManaged) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + schema + "._environments (name, snapshots, "
        + "start_at, end_at, plan_id, previous_plan_id, expiration_ts, finalized_ts, promoted_snapshot_ids, "
        + "suffix_target, catalog_name_override, previous_finalized_snapshots, normalize_name, requirements"
        + (version >= 79 ? ", gateway_managed" : "") + ") VALUES (?, ?, '2024-01-01', NULL, ?, NULL, ?, NULL, NULL, "
        + "?, ?, NULL, TRUE, '{}'" + (version >= 79 ? ", ?" : "") + ")")) {
      ps.setString(1, name);
      ps.setString(2, snapshotsJson);
      ps.setString(3, planId);
      if (expirationTs == null) {
        ps.setNull(4, Types.BIGINT);
      } else {
        ps.setLong(4, expirationTs);
      }
      ps.setString(5, suffixTarget);
      ps.setString(6, catalogNameOverride);
      if (version >= 79) {
        ps.setBoolean(7, gatewayManaged);
      }
      ps.executeUpdate();
    }
    if (version >= 72) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + schema + "._environment_statements VALUES "
          + "(?, ?, '[]')")) {
        ps.setString(1, name);
        ps.setString(2, planId);
        ps.executeUpdate();
      }
    }
  }

  /** A SnapshotTableInfo, keys as SQLMesh writes them (reference 2.5), with the optional model_gateway. */
  /**
   * {@code count} expired schema-target environments named by {@code format} (e.g. {@code e%02d}) in database
   * {@code catalog}: each a schema {@code s__<name>} with a view {@code m} over the physical table
   * {@code sqlmesh__s.m_1} (created here), and its state row. Returns the state written.
   */
  public static SqlMeshState expiredSchemaEnvironments(Connection pg, String catalog, int count, String format)
      throws SQLException {
    Postgres.exec(pg, "CREATE SCHEMA sqlmesh__s", "CREATE TABLE sqlmesh__s.m_1 AS SELECT 1 AS id");
    SqlMeshState state = create(pg, "sqlmesh", 101);
    for (int i = 0; i < count; i++) {
      String name = String.format(format, i);
      Postgres.exec(pg, "CREATE SCHEMA s__" + name, "CREATE VIEW s__" + name + ".m AS SELECT * FROM sqlmesh__s.m_1");
      state.environment(name, list(snapshot("\"" + catalog + "\".\"s\".\"m\"", "FULL", null)), "p1", 1_000L,
          "schema", null, false);
    }
    return state;
  }

  public static String snapshot(String name, String kind, String gateway) {
    String quoted = name.replace("\"", "\\\"");
    return "{\"name\": \"" + quoted + "\", \"dev_version\": \"2463420582\", \"change_category\": 1, "
        + "\"fingerprint\": {\"data_hash\": \"2557403980\", \"metadata_hash\": \"3025268836\", "
        + "\"parent_data_hash\": \"0\", \"parent_metadata_hash\": \"0\"}, \"previous_versions\": [], "
        + "\"dev_table_suffix\": \"dev\", \"table_naming_convention\": \"schema_and_table\", \"forward_only\": false, "
        + "\"version\": \"2463420582\", \"physical_schema\": \"sqlmesh__x\", \"parents\": [], \"kind_name\": \""
        + kind + "\", \"node_type\": \"model\", \"virtual_environment_mode\": \"full\""
        + (gateway == null ? "" : ", \"model_gateway\": \"" + gateway + "\"") + "}";
  }

  public static String list(String... snapshots) {
    return "[" + String.join(", ", snapshots) + "]";
  }

  private void exec(String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
