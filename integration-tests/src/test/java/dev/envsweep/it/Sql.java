package dev.envsweep.it;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Plain JDBC for the tests: run statements, read rows as strings. */
final class Sql {
  /** SQLMesh's state tables as its migrations leave them (schema version 101), on PostgreSQL and DuckDB alike. */
  static final String ENVIRONMENTS_DDL = "CREATE TABLE sqlmesh._environments (name TEXT PRIMARY KEY, snapshots TEXT, "
      + "start_at TEXT, end_at TEXT, plan_id TEXT, previous_plan_id TEXT, expiration_ts BIGINT, finalized_ts BIGINT, "
      + "promoted_snapshot_ids TEXT, suffix_target TEXT, catalog_name_override TEXT, "
      + "previous_finalized_snapshots TEXT, normalize_name BOOLEAN, requirements TEXT, gateway_managed BOOLEAN)";
  static final String ENVIRONMENT_STATEMENTS_DDL = "CREATE TABLE sqlmesh._environment_statements "
      + "(environment_name TEXT PRIMARY KEY, plan_id TEXT, environment_statements TEXT)";

  private Sql() {}

  static void exec(Connection c, String... sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    }
  }

  /** Every row of the result set (which is then closed), each column as a string. */
  static List<List<String>> rows(ResultSet rs) throws SQLException {
    List<List<String>> out = new ArrayList<>();
    try (rs) {
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

  static List<List<String>> rows(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      return rows(s.executeQuery(sql));
    }
  }

  /** The first column of every row. */
  static List<String> strings(Connection c, String sql) throws SQLException {
    return rows(c, sql).stream().map(r -> r.get(0)).toList();
  }
}
