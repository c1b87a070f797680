package dev.envsweep.dialects;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A CatalogueReader over a real connection that also records what it sent. */
final class JdbcReader implements CatalogueReader {
  final Connection connection;
  final List<String> sent = new ArrayList<>();

  JdbcReader(Connection connection) {
    this.connection = connection;
  }

  @Override
  public List<List<Object>> query(String sql, List<?> parameters) throws SQLException {
    sent.add(sql);
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.size(); i++) {
        ps.setObject(i + 1, parameters.get(i));
      }
      List<List<Object>> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<Object> row = new ArrayList<>();
          for (int i = 1; i <= n; i++) {
            row.add(rs.getObject(i));
          }
          rows.add(row);
        }
      }
      return rows;
    }
  }

  @Override
  public void execute(String sql) throws SQLException {
    sent.add(sql);
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }
}
