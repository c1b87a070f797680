package dev.envsweep.server;

import java.io.PrintStream;
import java.util.List;

/**
 * Where a command's results go, in the format asked for. Rows arrive one at a time while a statement runs (a
 * cleanup streams them), so CSV and JSON print each at once; only the table waits for its column widths.
 */
abstract class RowPrinter {
  /** A new result, with its column labels. */
  abstract void columns(List<String> labels);

  /** One row: String, Number, Boolean or null per column. */
  abstract void row(Object[] values);

  /** The end of a result (also when it ended in an error after some rows). */
  abstract void endResult();

  /** The command's closing summary. */
  abstract void summary(Summary summary);

  static RowPrinter of(OutputOptions options, PrintStream out, PrintStream err) {
    RowPrinter printer = switch (options.format) {
      case table -> new TablePrinter(out, !options.verbose);
      case csv -> new CsvPrinter(out, err);
      case json -> new JsonPrinter(out);
    };
    return options.quiet ? new SummaryOnly(printer) : printer;
  }

  /** {@code --quiet}: the summary alone. */
  private static final class SummaryOnly extends RowPrinter {
    private final RowPrinter printer;

    SummaryOnly(RowPrinter printer) {
      this.printer = printer;
    }

    @Override
    void columns(List<String> labels) {}

    @Override
    void row(Object[] values) {}

    @Override
    void endResult() {}

    @Override
    void summary(Summary summary) {
      printer.summary(summary);
    }
  }
}
