package dev.envsweep.core.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.envsweep.core.model.SuffixTarget;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes what SQLMesh leaves on a DuckDB warehouse and in its state: physical tables in
 * {@code sqlmesh__<schema>}, the views of each environment named by its suffix target, and the environment's
 * row in {@code _environments} with SnapshotTableInfo JSON as SQLMesh writes it (reference 2.5). It serves
 * {@code serve --demo} and the tests, which then see exactly what a real SQLMesh project would give them.
 *
 * <p>Only for building demos and fixtures: names here are the project's own, never user input.
 */
public final class SqlMeshProject {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Connection connection;
  private final String catalog;
  private final String stateSchema;
  private final Path catalogDir;

  /** A model: its SQLMesh name parts, kind and data version. */
  public record Model(String schema, String table, String kind, String version) {
    public Model(String schema, String table) {
      this(schema, table, "FULL", version(schema + "." + table));
    }

    public String physicalSchema() {
      return "sqlmesh__" + schema;
    }

    public String physicalTableName() {
      return schema + "__" + table + "__" + version;
    }

    private static String version(String seed) {
      CRC32 crc = new CRC32();
      crc.update(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return Long.toString(crc.getValue());
    }
  }

  /**
   * @param connection a DuckDB connection to the warehouse, which also holds the state
   * @param catalog the warehouse's catalog name (a DuckDB file's stem)
   * @param stateSchema SQLMesh's state schema
   * @param catalogDir where catalog-suffix environments' files go
   */
  public SqlMeshProject(Connection connection, String catalog, String stateSchema, Path catalogDir) {
    this.connection = connection;
    this.catalog = catalog;
    this.stateSchema = stateSchema;
    this.catalogDir = catalogDir;
  }

  /** SQLMesh's environment tables, as a fresh install creates them on DuckDB. */
  public void createStateTables() throws SQLException {
    exec("CREATE SCHEMA IF NOT EXISTS " + q(stateSchema));
    exec("CREATE TABLE IF NOT EXISTS " + q(stateSchema) + ".\"_environments\" (\"name\" TEXT PRIMARY KEY, "
        + "\"snapshots\" TEXT, \"start_at\" TEXT, \"end_at\" TEXT, \"plan_id\" TEXT, \"previous_plan_id\" TEXT, "
        + "\"expiration_ts\" BIGINT, \"finalized_ts\" BIGINT, \"promoted_snapshot_ids\" TEXT, "
        + "\"suffix_target\" TEXT, \"catalog_name_override\" TEXT, \"previous_finalized_snapshots\" TEXT, "
        + "\"normalize_name\" BOOLEAN, \"requirements\" TEXT, \"gateway_managed\" BOOLEAN)");
    exec("CREATE TABLE IF NOT EXISTS " + q(stateSchema) + ".\"_environment_statements\" ("
        + "\"environment_name\" TEXT PRIMARY KEY, \"plan_id\" TEXT, \"environment_statements\" TEXT)");
  }

  /** The model's physical table, with a few rows. */
  public Model physicalTable(Model m) throws SQLException {
    exec("CREATE SCHEMA IF NOT EXISTS " + q(catalog) + "." + q(m.physicalSchema()));
    exec("CREATE TABLE IF NOT EXISTS " + physical(m) + " AS SELECT range AS id, 'row ' || range AS label "
        + "FROM range(3)");
    return m;
  }

  /**
   * An environment: its views, named by suffix target, over the models' physical tables, and its state row.
   * {@code prod} gets the models' own names.
   */
  public void environment(String name, SuffixTarget target, Long expirationTs, List<Model> models)
      throws SQLException {
    boolean prod = name.equals("prod");
    String attached = null;
    for (Model m : models) {
      if (m.kind().equals("EXTERNAL") || m.kind().equals("EMBEDDED")) {
        continue; // symbolic models have no view (reference 2.4)
      }
      String view;
      if (prod) {
        exec("CREATE SCHEMA IF NOT EXISTS " + q(catalog) + "." + q(m.schema()));
        view = q(catalog) + "." + q(m.schema()) + "." + q(m.table());
      } else {
        switch (target) {
          case SCHEMA -> {
            exec("CREATE SCHEMA IF NOT EXISTS " + q(catalog) + "." + q(m.schema() + "__" + name));
            view = q(catalog) + "." + q(m.schema() + "__" + name) + "." + q(m.table());
          }
          case TABLE -> {
            exec("CREATE SCHEMA IF NOT EXISTS " + q(catalog) + "." + q(m.schema()));
            view = q(catalog) + "." + q(m.schema()) + "." + q(m.table() + "__" + name);
          }
          default -> {
            attached = catalog + "__" + name;
            Path file = catalogDir.resolve(attached + ".db");
            exec("ATTACH IF NOT EXISTS '" + file.toString().replace("'", "''") + "' AS " + q(attached));
            exec("CREATE SCHEMA IF NOT EXISTS " + q(attached) + "." + q(m.schema()));
            view = q(attached) + "." + q(m.schema()) + "." + q(m.table());
          }
        }
      }
      exec("CREATE OR REPLACE VIEW " + view + " AS SELECT * FROM " + physical(m));
    }
    if (attached != null) {
      // SQLMesh attaches catalogs per session; the next process finds the file, not an attachment.
      exec("DETACH " + q(attached));
    }
    insertState(name, target, expirationTs, models);
  }

  /** Only the state row, as SQLMesh writes it. */
  public void insertState(String name, SuffixTarget target, Long expirationTs, List<Model> models)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + q(stateSchema)
        + ".\"_environments\" VALUES (?, ?, '2024-01-01', NULL, ?, NULL, ?, ?, NULL, ?, NULL, NULL, TRUE, '{}', "
        + "FALSE)")) {
      ps.setString(1, name);
      ps.setString(2, snapshotsJson(models));
      ps.setString(3, "plan_" + name);
      if (expirationTs == null) {
        ps.setNull(4, Types.BIGINT);
      } else {
        ps.setLong(4, expirationTs);
      }
      ps.setLong(5, 1_700_000_000_000L);
      ps.setString(6, target.stored());
      ps.executeUpdate();
    }
  }

  /** The {@code snapshots} column: a JSON list of SnapshotTableInfo, keys as SQLMesh writes them. */
  public String snapshotsJson(List<Model> models) {
    ArrayNode list = JSON.createArrayNode();
    for (Model m : models) {
      ObjectNode s = list.addObject();
      s.put("name", "\"" + catalog.replace("\"", "\"\"") + "\".\"" + m.schema() + "\".\"" + m.table() + "\"");
      s.put("dev_version", m.version());
      s.put("change_category", 1);
      ObjectNode fp = s.putObject("fingerprint");
      fp.put("data_hash", m.version());
      fp.put("metadata_hash", "0");
      fp.put("parent_data_hash", "0");
      fp.put("parent_metadata_hash", "0");
      s.putArray("previous_versions");
      s.put("dev_table_suffix", "dev");
      s.put("table_naming_convention", "schema_and_table");
      s.put("forward_only", false);
      s.put("version", m.version());
      s.put("physical_schema", m.physicalSchema());
      s.putArray("parents");
      s.put("kind_name", m.kind());
      s.put("node_type", "model");
      s.put("virtual_environment_mode", "full");
    }
    return list.toString();
  }

  private String physical(Model m) {
    return q(catalog) + "." + q(m.physicalSchema()) + "." + q(m.physicalTableName());
  }

  private void exec(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  private static String q(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
