package dev.envsweep.core.render;

import dev.envsweep.dialects.CatalogueReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The dialects' view of a gateway connection: bound queries and plain statements. */
final class JdbcCatalogueReader implements CatalogueReader {
  private final Connection connection;
  private final int timeoutSeconds;

  JdbcCatalogueReader(Connection connection, int timeoutSeconds) {
    this.connection = connection;
    this.timeoutSeconds = timeoutSeconds;
  }

  @Override
  public List<List<Object>> query(String sql, List<?> parameters) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setQueryTimeout(timeoutSeconds);
      for (int i = 0; i < parameters.size(); i++) {
        ps.setObject(i + 1, parameters.get(i));
      }
      List<List<Object>> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<Object> row = new ArrayList<>(n);
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
    try (Statement s = connection.createStatement()) {
      s.setQueryTimeout(timeoutSeconds);
      s.execute(sql);
    }
  }
}
