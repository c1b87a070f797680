package dev.envsweep.it;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * What SQLMesh leaves in a DuckDB warehouse, built through any JDBC connection (here: through envsweep's own
 * server, whose forwarding to DuckDB is then exercised too): physical tables, each environment's views named by
 * its suffix target, and its {@code _environments} row with SnapshotTableInfo JSON as SQLMesh writes it.
 */
final class Project {
  static final String[][] MODELS = {{"sales", "orders", "FULL", "2463420582"},
      {"sales", "customers", "INCREMENTAL_BY_TIME_RANGE", "994275709"}, {"raw", "ext", "EXTERNAL", "1"}};

  private final Connection c;
  private final String catalog;
  private final Path dir;

  Project(Connection c, String catalog, Path dir) {
    this.c = c;
    this.catalog = catalog;
    this.dir = dir;
  }

  /** Physical tables of the two real models, three rows each. */
  void physicalTables() throws SQLException {
    exec("CREATE SCHEMA IF NOT EXISTS sqlmesh__sales");
    for (String[] m : MODELS) {
      if (!m[2].equals("EXTERNAL")) {
        exec("CREATE TABLE IF NOT EXISTS sqlmesh__sales." + physical(m) + " AS SELECT range AS id FROM range(3)");
      }
    }
  }

  private static String physical(String[] m) {
    return m[0] + "__" + m[1] + "__" + m[3];
  }

  /** An environment's views and state row; prod gets the models' own names. */
  void environment(String name, String suffixTarget, Long expirationTs) throws SQLException {
    String attached = null;
    for (String[] m : MODELS) {
      if (m[2].equals("EXTERNAL")) {
        continue;
      }
      String view;
      if (name.equals("prod")) {
        exec("CREATE SCHEMA IF NOT EXISTS " + m[0]);
        view = m[0] + "." + m[1];
      } else if (suffixTarget.equals("schema")) {
        exec("CREATE SCHEMA IF NOT EXISTS " + m[0] + "__" + name);
        view = m[0] + "__" + name + "." + m[1];
      } else if (suffixTarget.equals("table")) {
        exec("CREATE SCHEMA IF NOT EXISTS " + m[0]);
        view = m[0] + "." + m[1] + "__" + name;
      } else {
        attached = catalog + "__" + name;
        exec("ATTACH IF NOT EXISTS '" + dir.resolve(attached + ".db") + "' AS " + attached);
        exec("CREATE SCHEMA IF NOT EXISTS " + attached + "." + m[0]);
        view = attached + "." + m[0] + "." + m[1];
      }
      exec("CREATE OR REPLACE VIEW " + view + " AS SELECT * FROM " + catalog + ".sqlmesh__sales." + physical(m));
    }
    if (attached != null) {
      exec("DETACH " + attached); // SQLMesh's session ends; the file stays
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO sqlmesh._environments (name, snapshots, start_at, "
        + "plan_id, expiration_ts, finalized_ts, suffix_target, normalize_name, requirements, gateway_managed) "
        + "VALUES (?, ?, '2024-01-01', ?, ?, 1700000000000, ?, TRUE, '{}', FALSE)")) {
      ps.setString(1, name);
      ps.setString(2, snapshotsJson());
      ps.setString(3, "plan_" + name);
      if (expirationTs == null) {
        ps.setNull(4, Types.BIGINT);
      } else {
        ps.setLong(4, expirationTs);
      }
      ps.setString(5, suffixTarget);
      ps.executeUpdate();
    }
  }

  /** SnapshotTableInfo JSON, keys and layout as SQLMesh's json.dumps writes them (reference 2.5). */
  String snapshotsJson() {
    StringBuilder sb = new StringBuilder("[");
    for (String[] m : MODELS) {
      if (sb.length() > 1) {
        sb.append(", ");
      }
      sb.append("{\"name\": \"\\\"").append(catalog).append("\\\".\\\"").append(m[0]).append("\\\".\\\"")
          .append(m[1]).append("\\\"\", \"dev_version\": \"").append(m[3]).append("\", \"change_category\": 1, ")
          .append("\"fingerprint\": {\"data_hash\": \"1\", \"metadata_hash\": \"2\", \"parent_data_hash\": \"0\", ")
          .append("\"parent_metadata_hash\": \"0\"}, \"previous_versions\": [], \"dev_table_suffix\": \"dev\", ")
          .append("\"table_naming_convention\": \"schema_and_table\", \"forward_only\": false, \"version\": \"")
          .append(m[3]).append("\", \"physical_schema\": \"sqlmesh__").append(m[0])
          .append("\", \"parents\": [], \"kind_name\": \"").append(m[2])
          .append("\", \"node_type\": \"model\", \"virtual_environment_mode\": \"full\"}");
    }
    return sb.append("]").toString();
  }

  void exec(String sql) throws SQLException {
    Sql.exec(c, sql);
  }

  List<String> strings(String sql) throws SQLException {
    return Sql.strings(c, sql);
  }

  /** User views of the main file, as schema.name. */
  List<String> views() throws SQLException {
    return strings("SELECT schema_name || '.' || view_name FROM duckdb_views() WHERE NOT internal "
        + "AND database_name = current_database() ORDER BY 1");
  }

  List<String> environments() throws SQLException {
    return strings("SELECT name FROM sqlmesh._environments ORDER BY name");
  }

  /** Back to an empty warehouse and state store between tests. */
  void reset() throws SQLException {
    for (String db : strings("SELECT database_name FROM duckdb_databases() WHERE NOT internal "
        + "AND database_name <> current_database()")) {
      exec("DETACH \"" + db + "\"");
    }
    for (String schema : strings("SELECT schema_name FROM duckdb_schemas() WHERE database_name = "
        + "current_database() AND NOT internal AND schema_name NOT IN ('main', 'sqlmesh', 'envsweep')")) {
      exec("DROP SCHEMA \"" + schema + "\" CASCADE");
    }
    for (String table : strings("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
        + "AND schema_name = 'main'")) {
      exec("DROP TABLE main.\"" + table + "\"");
    }
    exec("DELETE FROM sqlmesh._environments");
    exec("DELETE FROM sqlmesh._environment_statements");
  }
}
