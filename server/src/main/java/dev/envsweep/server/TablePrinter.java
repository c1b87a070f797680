package dev.envsweep.server;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** An aligned text table per result, {@code (N rows)} under it, and the summary line last. */
final class TablePrinter extends RowPrinter {
  /** Longest value shown in a cell unless --verbose; longer ones are cut with an ellipsis. */
  private static final int MAX_CELL = 120;

  private final PrintStream out;
  private final boolean cut;
  private String[] header;
  private final List<String[]> rows = new ArrayList<>();

  TablePrinter(PrintStream out, boolean cut) {
    this.out = out;
    this.cut = cut;
  }

  @Override
  void columns(List<String> labels) {
    header = labels.toArray(String[]::new);
    rows.clear();
  }

  @Override
  void row(Object[] values) {
    String[] row = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      String v = values[i] == null ? "" : values[i].toString().replace('\n', ' ');
      row[i] = cut && v.length() > MAX_CELL ? v.substring(0, MAX_CELL - 1) + "…" : v;
    }
    rows.add(row);
  }

  @Override
  void endResult() {
    if (header == null) {
      return;
    }
    int n = header.length;
    int[] width = new int[n];
    for (int i = 0; i < n; i++) {
      width[i] = header[i].length();
      for (String[] r : rows) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    line(header, width);
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < n; i++) {
      rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
    }
    out.println(rule);
    for (String[] r : rows) {
      line(r, width);
    }
    out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
    header = null;
    rows.clear();
  }

  @Override
  void summary(Summary summary) {
    out.println(summary.line());
  }

  private void line(String[] cells, int[] width) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      sb.append(i == 0 ? "" : " | ").append(cells[i]).append(" ".repeat(width[i] - cells[i].length()));
    }
    out.println(sb.toString().stripTrailing());
  }
}
