package dev.envsweep.core.jdbc;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rows of a {@link java.sql.DatabaseMetaData} answer assembled in memory: envsweep's own entries (the
 * {@code sys} tables and procedures) merged with the default gateway's, in the gateway's column layout, so a
 * tool such as DBeaver shows both in one navigator. Metadata answers are small (one row per table or column),
 * so holding them is fine.
 */
final class MetaDataRows {
  private final List<Column> columns;
  private final Map<String, Integer> index = new HashMap<>();
  private final List<Object[]> rows = new ArrayList<>();

  MetaDataRows(List<Column> columns) {
    this.columns = List.copyOf(columns);
    for (int i = 0; i < columns.size(); i++) {
      index.put(columns.get(i).name().toUpperCase(Locale.ROOT), i);
    }
  }

  /** Rows laid out like {@code rs}, whose own rows are not read. */
  static MetaDataRows shapedLike(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<Column> columns = new ArrayList<>(md.getColumnCount());
    for (int i = 1; i <= md.getColumnCount(); i++) {
      columns.add(new Column(md.getColumnLabel(i), md.getColumnType(i), md.getColumnTypeName(i),
          javaClass(md.getColumnClassName(i)), Math.max(8, Math.min(md.getColumnDisplaySize(i), 64))));
    }
    return new MetaDataRows(columns);
  }

  private static Class<?> javaClass(String name) {
    try {
      return name == null ? Object.class : Class.forName(name);
    } catch (ClassNotFoundException e) {
      return Object.class;
    }
  }

  /** Appends a row given by column label (case-insensitive); columns it does not name are NULL. */
  MetaDataRows add(Map<String, ?> byLabel) {
    Object[] row = new Object[columns.size()];
    byLabel.forEach((label, value) -> {
      Integer i = index.get(label.toUpperCase(Locale.ROOT));
      if (i != null) {
        row[i] = value;
      }
    });
    rows.add(row);
    return this;
  }

  /** Appends every row of {@code rs}, matching columns by label, and closes it. */
  MetaDataRows addAll(ResultSet rs) throws SQLException {
    try (rs) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.put(md.getColumnLabel(i), rs.getObject(i));
        }
        add(row);
      }
    }
    return this;
  }

  ResultSet toResultSet() {
    boolean[] given = {false};
    return new PagedResultSet(columns, () -> {
      if (given[0]) {
        return List.of();
      }
      given[0] = true;
      return rows;
    }, null);
  }

  static Column varchar(String name) {
    return Column.varchar(name, 32);
  }

  static Column smallint(String name) {
    return new Column(name, Types.SMALLINT, "SMALLINT", Short.class, 6);
  }

  static Column integer(String name) {
    return new Column(name, Types.INTEGER, "INTEGER", Integer.class, 11);
  }

  /** Whether {@code value} matches a JDBC search pattern (SQL LIKE syntax); a null pattern matches everything. */
  static boolean matches(String pattern, String value) {
    return pattern == null || dev.envsweep.core.LikePattern.of(pattern).matches(value);
  }
}
