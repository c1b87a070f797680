package dev.envsweep.server;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Prints a result set as an aligned text table, and says whether any row was FAILED or WARNING. */
final class ResultPrinter {
  private ResultPrinter() {}

  /** Longest value shown in a cell; longer ones are cut with an ellipsis. */
  private static final int MAX_CELL = 120;

  /** Prints the table; returns true when a {@code status} column holds FAILED or WARNING. */
  static boolean print(ResultSet rs, PrintStream out) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    int statusColumn = -1;
    List<String[]> rows = new ArrayList<>();
    String[] header = new String[n];
    for (int i = 0; i < n; i++) {
      header[i] = md.getColumnLabel(i + 1);
      if (header[i].equalsIgnoreCase("status")) {
        statusColumn = i;
      }
    }
    boolean problems = false;
    while (next(rs)) {
      String[] row = new String[n];
      for (int i = 0; i < n; i++) {
        String v = rs.getString(i + 1);
        row[i] = v == null ? "" : v.replace('\n', ' ');
        if (row[i].length() > MAX_CELL) {
          row[i] = row[i].substring(0, MAX_CELL - 1) + "…";
        }
      }
      if (statusColumn >= 0 && (row[statusColumn].equals("FAILED") || row[statusColumn].equals("WARNING"))) {
        problems = true;
      }
      rows.add(row);
    }
    int[] width = new int[n];
    for (int i = 0; i < n; i++) {
      width[i] = header[i].length();
      for (String[] r : rows) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    line(out, header, width);
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < n; i++) {
      rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
    }
    out.println(rule);
    for (String[] r : rows) {
      line(out, r, width);
    }
    out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
    return problems;
  }

  private static void line(PrintStream out, String[] cells, int[] width) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      sb.append(i == 0 ? "" : " | ").append(cells[i]).append(" ".repeat(width[i] - cells[i].length()));
    }
    out.println(sb.toString().stripTrailing());
  }

  /**
   * {@code rs.next()}; through the stock remote driver an error that comes with a later frame (a long cleanup
   * that ends in 58000) is an {@code AvaticaClientRuntimeException}, turned here into the SQLException it stands
   * for.
   */
  static boolean next(java.sql.ResultSet rs) throws java.sql.SQLException {
    try {
      return rs.next();
    } catch (org.apache.calcite.avatica.AvaticaClientRuntimeException e) {
      throw new java.sql.SQLException(e.getMessage(), e.getSqlState(), e.getErrorCode(), e);
    }
  }
}
