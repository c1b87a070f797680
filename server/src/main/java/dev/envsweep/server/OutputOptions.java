package dev.envsweep.server;

import picocli.CommandLine.Option;

/** How a statement command prints its rows and summary (a picocli mixin). */
final class OutputOptions {
  enum Format { table, csv, json }

  @Option(names = "--format", defaultValue = "table", description = "table (default), csv (RFC 4180, with a "
      + "header; the summary goes to stderr) or json (JSON lines: one object per row, then {\"summary\": ...})")
  Format format = Format.table;

  @Option(names = {"-q", "--quiet"}, description = "Print the summary only: no rows, no progress")
  boolean quiet;

  @Option(names = {"-v", "--verbose"}, description = "Also print, on stderr, the address and each statement with "
      + "its parameters; table cells are not cut")
  boolean verbose;

  @Option(names = "--progress-interval", defaultValue = "5", paramLabel = "SECONDS", description = "When stderr is "
      + "not a terminal, a cleanup's progress line every this many seconds (default 5; 0: none)")
  double progressIntervalSeconds = 5;
}
