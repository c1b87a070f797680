package dev.envsweep.server;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** Reads a result set row by row into the printer, the summary and the progress, as the rows arrive. */
final class Results {
  private Results() {}

  static void stream(ResultSet rs, RowPrinter printer, Summary summary, Progress progress) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    List<String> labels = new ArrayList<>();
    boolean[] typed = new boolean[n];
    for (int i = 0; i < n; i++) {
      labels.add(md.getColumnLabel(i + 1));
      typed[i] = switch (md.getColumnType(i + 1)) {
        case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC, Types.REAL,
            Types.FLOAT, Types.DOUBLE, Types.BOOLEAN, Types.BIT -> true;
        default -> false;
      };
    }
    printer.columns(labels);
    summary.columns(labels);
    try {
      while (next(rs)) {
        Object[] row = new Object[n];
        for (int i = 0; i < n; i++) {
          // Numbers and booleans keep their type (JSON); everything else as the driver prints it.
          row[i] = typed[i] ? rs.getObject(i + 1) : rs.getString(i + 1);
        }
        if (summary.row(row)) {
          progress.environmentDone();
        }
        printer.row(row);
      }
    } finally {
      printer.endResult();
    }
  }

  /**
   * {@code rs.next()}; through the stock remote driver an error that comes with a later frame (a long cleanup
   * that ends in 58000) is an {@code AvaticaClientRuntimeException}, turned here into the SQLException it stands
   * for.
   */
  static boolean next(ResultSet rs) throws SQLException {
    try {
      return rs.next();
    } catch (org.apache.calcite.avatica.AvaticaClientRuntimeException e) {
      throw new SQLException(e.getMessage(), e.getSqlState(), e.getErrorCode(), e);
    }
  }
}
