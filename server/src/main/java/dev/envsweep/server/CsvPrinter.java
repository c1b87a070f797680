package dev.envsweep.server;

import java.io.PrintStream;
import java.util.List;

/**
 * RFC 4180 CSV on stdout: a header line per result, then its rows. The summary goes to stderr so that stdout
 * stays a file any CSV reader takes.
 */
final class CsvPrinter extends RowPrinter {
  private final PrintStream out;
  private final PrintStream err;

  CsvPrinter(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  void columns(List<String> labels) {
    write(labels.toArray());
  }

  @Override
  void row(Object[] values) {
    write(values);
  }

  @Override
  void endResult() {
    out.flush();
  }

  @Override
  void summary(Summary summary) {
    err.println("envsweep: " + summary.line());
  }

  private void write(Object[] values) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      sb.append(i == 0 ? "" : ",").append(field(values[i]));
    }
    // RFC 4180 ends records with CRLF.
    out.print(sb.append("\r\n"));
  }

  static String field(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
