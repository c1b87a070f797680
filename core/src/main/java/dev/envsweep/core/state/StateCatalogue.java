package dev.envsweep.core.state;

import dev.envsweep.core.SqlStates;
import dev.envsweep.dialects.CatalogSupport;
import dev.envsweep.dialects.Dialect;
import dev.envsweep.dialects.StateStoreSql;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What tables and columns a state store has, found through {@link DatabaseMetaData} rather than guessed from
 * version numbers, and the creation of SQLMesh's environment tables where envsweep is allowed to create them.
 */
final class StateCatalogue {
  /** SQLMesh's state schema versions envsweep reads (SQLMesh 0.1xx to 0.233, reference 1.4). */
  static final int MIN_SCHEMA_VERSION = 60;
  static final int MAX_SCHEMA_VERSION = 101;

  private final Connection connection;
  private final Dialect dialect;
  private final String schema;
  private final String catalogPrefix;

  StateCatalogue(Connection connection, Dialect dialect, String schema) throws SQLException {
    this.connection = connection;
    this.dialect = dialect;
    this.schema = schema;
    // On engines with full catalogs, name the catalog too: a DuckDB file called envsweep.duckdb is a catalog
    // named envsweep, and "envsweep"."cleanup_history" would be ambiguous between it and the schema.
    String catalog = dialect.catalogSupport() == CatalogSupport.FULL_SUPPORT ? connection.getCatalog() : null;
    this.catalogPrefix = catalog == null || catalog.isEmpty() ? "" : dialect.quoteIdentifier(catalog) + ".";
  }

  /** The table's name, quoted, qualified by the schema (unless it is the connection's default) and catalog. */
  String qualified(String table) {
    return schema.isEmpty() ? dialect.quoteIdentifier(table)
        : qualifiedSchema() + "." + dialect.quoteIdentifier(table);
  }

  private String qualifiedSchema() {
    return catalogPrefix + dialect.quoteIdentifier(schema);
  }

  /** Creates the schema when it is missing. */
  void createSchema() throws SQLException {
    if (!schema.isEmpty()) {
      try (Statement s = connection.createStatement()) {
        s.execute("CREATE SCHEMA IF NOT EXISTS " + qualifiedSchema());
      }
    }
  }

  boolean tableExists(String table) throws SQLException {
    DatabaseMetaData md = connection.getMetaData();
    try (ResultSet rs = md.getTables(null, null, pattern(md, table), null)) {
      while (rs.next()) {
        if (table.equalsIgnoreCase(rs.getString("TABLE_NAME")) && inSchema(rs)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether a metadata row is in the state schema. MySQL's drivers report a database (what SQL calls a schema
   * there) as the row's catalog and leave the schema empty.
   */
  private boolean inSchema(ResultSet rs) throws SQLException {
    String schema = rs.getString("TABLE_SCHEM");
    return schema != null ? schemaName().equalsIgnoreCase(schema)
        : schemaName().equalsIgnoreCase(rs.getString("TABLE_CAT"));
  }

  /** The table's column names, lower case. */
  Set<String> columns(String table) throws SQLException {
    DatabaseMetaData md = connection.getMetaData();
    Set<String> out = new HashSet<>();
    try (ResultSet rs = md.getColumns(null, null, pattern(md, table), null)) {
      while (rs.next()) {
        if (table.equalsIgnoreCase(rs.getString("TABLE_NAME")) && inSchema(rs)) {
          out.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
        }
      }
    }
    return out;
  }

  /**
   * Refuses a {@code _versions} schema version envsweep does not know (newer ones only with
   * {@code allow_newer_schema}). No {@code _versions} table, or no row, is fine: envsweep made the tables, or
   * SQLMesh has not migrated yet. {@code _versions} is read positionally, as SQLMesh does, and never written.
   */
  /** Returns the stored schema version, or 0 when there is none. */
  int checkVersion(boolean allowNewer, String safeUrl) throws SQLException {
    if (!tableExists("_versions")) {
      return 0;
    }
    int version;
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + qualified("_versions"))) {
      if (!rs.next()) {
        return 0;
      }
      version = rs.getInt(1);
    }
    if (version < MIN_SCHEMA_VERSION) {
      throw SqlStates.configuration("SQLMesh state at " + safeUrl + " has schema version " + version
          + ", older than envsweep reads (" + MIN_SCHEMA_VERSION + " to " + MAX_SCHEMA_VERSION
          + "); run 'sqlmesh migrate' with a newer SQLMesh first");
    }
    if (version > MAX_SCHEMA_VERSION && !allowNewer) {
      throw SqlStates.configuration("SQLMesh state at " + safeUrl + " has schema version " + version
          + ", newer than envsweep knows (" + MIN_SCHEMA_VERSION + " to " + MAX_SCHEMA_VERSION
          + "); set state_store.allow_newer_schema: true to proceed if every column envsweep reads is present");
    }
    return version;
  }

  /** SQLMesh's layout of a fresh install (baseline + v0072 + v0079), in the dialect's column types. */
  void createSqlMeshTables() throws SQLException {
    StateStoreSql t = dialect.stateStoreSql();
    createSchema();
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS " + qualified(StateStore.ENVIRONMENTS) + " ("
          + col("name", t.indexText()) + ", " + col("snapshots", t.blobText()) + ", "
          + col("start_at", t.text()) + ", " + col("end_at", t.text()) + ", " + col("plan_id", t.text()) + ", "
          + col("previous_plan_id", t.text()) + ", " + col("expiration_ts", t.bigint()) + ", "
          + col("finalized_ts", t.bigint()) + ", " + col("promoted_snapshot_ids", t.blobText()) + ", "
          + col("suffix_target", t.text()) + ", " + col("catalog_name_override", t.text()) + ", "
          + col("previous_finalized_snapshots", t.blobText()) + ", " + col("normalize_name", t.bool()) + ", "
          + col("requirements", t.blobText()) + ", " + col("gateway_managed", t.bool()) + ", "
          + "PRIMARY KEY (" + dialect.quoteIdentifier("name") + "))");
      s.execute("CREATE TABLE IF NOT EXISTS " + qualified(StateStore.ENVIRONMENT_STATEMENTS) + " ("
          + col("environment_name", t.indexText()) + ", " + col("plan_id", t.text()) + ", "
          + col("environment_statements", t.blobText()) + ", "
          + "PRIMARY KEY (" + dialect.quoteIdentifier("environment_name") + "))");
    }
  }

  private String col(String name, String type) {
    return dialect.quoteIdentifier(name) + " " + type;
  }

  private String schemaName() throws SQLException {
    if (!schema.isEmpty()) {
      return schema;
    }
    String current = connection.getSchema();
    return current != null ? current : connection.getCatalog();
  }

  /** A metadata search pattern matching exactly this name: {@code _} and {@code %} escaped. */
  private static String pattern(DatabaseMetaData md, String name) throws SQLException {
    String escape = md.getSearchStringEscape();
    if (escape == null || escape.isEmpty()) {
      return name;
    }
    return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
  }
}
