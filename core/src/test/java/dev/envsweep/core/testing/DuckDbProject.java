package dev.envsweep.core.testing;

import dev.envsweep.core.demo.SqlMeshProject;
import dev.envsweep.core.demo.SqlMeshProject.Model;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A real DuckDB file with a SQLMesh-shaped project, and questions about what it holds. */
public final class DuckDbProject implements AutoCloseable {
  public static final Model ORDERS = new Model("sales", "orders");
  public static final Model CUSTOMERS = new Model("sales", "customers");
  public static final Model EXTERNAL = new Model("raw", "ext", "EXTERNAL", "1");
  public static final List<Model> MODELS = List.of(ORDERS, CUSTOMERS, EXTERNAL);

  public final Path file;
  public final Connection connection;
  public final SqlMeshProject project;

  public DuckDbProject(Path dir, String fileName) throws SQLException {
    this.file = dir.resolve(fileName);
    this.connection = DriverManager.getConnection("jdbc:duckdb:" + file);
    String catalog = fileName.substring(0, fileName.indexOf('.'));
    this.project = new SqlMeshProject(connection, catalog, "sqlmesh", dir);
    project.createStateTables();
    project.physicalTable(ORDERS);
    project.physicalTable(CUSTOMERS);
  }

  public String url() {
    return "jdbc:duckdb:" + file;
  }

  public void exec(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  public List<String> strings(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /** Every user view as schema.name, and every user table likewise, in the main file. */
  public List<String> views() throws SQLException {
    return strings("SELECT schema_name || '.' || view_name FROM duckdb_views() WHERE NOT internal "
        + "AND database_name = current_database() ORDER BY 1");
  }

  public List<String> tables() throws SQLException {
    return strings("SELECT schema_name || '.' || table_name FROM duckdb_tables() "
        + "WHERE database_name = current_database() AND schema_name NOT IN ('sqlmesh', 'envsweep') ORDER BY 1");
  }

  public List<String> schemas() throws SQLException {
    return strings("SELECT schema_name FROM duckdb_schemas() WHERE database_name = current_database() "
        + "AND NOT internal ORDER BY 1");
  }

  public List<String> environments() throws SQLException {
    return strings("SELECT name FROM sqlmesh._environments ORDER BY name");
  }

  public Long expiration(String env) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT expiration_ts FROM sqlmesh._environments WHERE name = '" + env
            + "'")) {
      if (!rs.next()) {
        return null;
      }
      long v = rs.getLong(1);
      return rs.wasNull() ? null : v;
    }
  }

  public long dbNow() throws SQLException {
    return Long.parseLong(strings("SELECT epoch_ms(get_current_timestamp())").get(0));
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
