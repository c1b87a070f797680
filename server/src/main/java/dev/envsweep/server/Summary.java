package dev.envsweep.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a command's rows add up to, for its closing line and the final JSON object. Result rows with
 * {@code object_kind} {@code ENVIRONMENT} count environments, the others objects, each by its {@code status}
 * (named as a user says it: a DELETED environment was cleaned, a WARNING one skipped); a result without those
 * columns (a query) counts rows only.
 */
final class Summary {
  /** Environment statuses always shown for a statement's result, then any other that occurred. */
  private static final List<String> ENVIRONMENT_COUNTS = List.of("cleaned", "failed", "skipped");
  private static final List<String> OBJECT_COUNTS = List.of("dropped", "skipped", "failed");

  private final String command;
  private final Map<String, Long> environments = new LinkedHashMap<>();
  /** Each environment's latest ENVIRONMENT row (INVALIDATE ... SYNC gives one an INVALIDATED, then a DELETED). */
  private final Map<String, String> environmentOutcome = new LinkedHashMap<>();
  private final Map<String, Long> objects = new LinkedHashMap<>();
  private boolean statementResult;
  private long rows;
  private boolean problems;
  private Long orphans;
  private long statements;
  private long statementsFailed;
  private long statementsNotRun;
  private boolean script;
  private long elapsedMs;
  private int exitCode;
  private String error;

  private int kindColumn = -1;
  private int environmentColumn = -1;
  private int statusColumn = -1;

  Summary(String command) {
    this.command = command;
    for (String s : ENVIRONMENT_COUNTS) {
      environments.put(s, 0L);
    }
    for (String s : OBJECT_COUNTS) {
      objects.put(s, 0L);
    }
  }

  /** A new result's column labels. */
  void columns(List<String> labels) {
    kindColumn = labels.indexOf("object_kind");
    environmentColumn = labels.indexOf("environment");
    statusColumn = labels.indexOf("status");
    statementResult |= kindColumn >= 0 && statusColumn >= 0;
  }

  /** Counts one row; returns whether it is the first ENVIRONMENT row of its environment (one more done). */
  boolean row(Object[] values) {
    rows++;
    if (statusColumn < 0) {
      return false;
    }
    String status = String.valueOf(values[statusColumn]);
    if (status.equals("FAILED") || status.equals("WARNING")) {
      problems = true;
    }
    if (kindColumn < 0) {
      return false;
    }
    boolean environment = "ENVIRONMENT".equals(values[kindColumn]);
    if (!environment) {
      objects.merge(word(status, false), 1L, Long::sum);
      return false;
    }
    String name = environmentColumn >= 0 ? String.valueOf(values[environmentColumn]) : String.valueOf(rows);
    String previous = environmentOutcome.put(name, word(status, true));
    if (previous != null) {
      environments.merge(previous, -1L, Long::sum);
      environments.remove(previous, 0L);
      for (String always : ENVIRONMENT_COUNTS) {
        environments.putIfAbsent(always, 0L);
      }
    }
    environments.merge(word(status, true), 1L, Long::sum);
    return previous == null;
  }

  private static String word(String status, boolean environment) {
    return switch (status) {
      case "DELETED" -> "cleaned";
      case "WARNING" -> environment ? "skipped" : "left behind";
      default -> status.toLowerCase(Locale.ROOT);
    };
  }

  boolean problems() {
    return problems;
  }

  void orphans(Long count) {
    this.orphans = count;
  }

  /** A script: statements run (successful or not) and not run. */
  void statement(boolean failed) {
    script = true;
    statements++;
    if (failed) {
      statementsFailed++;
    }
  }

  void notRun(long count) {
    script = true;
    statementsNotRun += count;
  }

  void finish(long elapsedMs, int exitCode, String error) {
    this.elapsedMs = elapsedMs;
    this.exitCode = exitCode;
    this.error = error;
  }

  /** {@code cleanup: 2 environments (1 cleaned, 1 failed, 0 skipped), ...; exit 2}, one line. */
  String line() {
    StringBuilder sb = new StringBuilder(command).append(": ");
    if (script) {
      sb.append(statements + statementsNotRun).append(statements + statementsNotRun == 1 ? " statement (" :
          " statements (").append(statements - statementsFailed).append(" ok, ").append(statementsFailed)
          .append(" failed, ").append(statementsNotRun).append(" not run), ");
    }
    if (statementResult) {
      sb.append(counted(environments, "environment")).append(", ").append(counted(objects, "object")).append(", ");
    }
    if (orphans != null) {
      sb.append(orphans).append(orphans == 1 ? " orphan" : " orphans").append(" in sys.orphans, ");
    }
    sb.append(rows).append(rows == 1 ? " row" : " rows").append(" in ")
        .append(String.format(Locale.ROOT, "%.1f s", elapsedMs / 1000.0)).append("; exit ").append(exitCode);
    return sb.toString();
  }

  private static String counted(Map<String, Long> counts, String noun) {
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    StringBuilder sb = new StringBuilder().append(total).append(' ').append(noun).append(total == 1 ? "" : "s")
        .append(" (");
    String sep = "";
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      sb.append(sep).append(e.getValue()).append(' ').append(e.getKey());
      sep = ", ";
    }
    return sb.append(')').toString();
  }

  /** The same facts as an object for {@code --format json}: {@code {"summary": {...}}}. */
  Map<String, Object> json() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("command", command);
    if (script) {
      s.put("statements", statements + statementsNotRun);
      s.put("statements_ok", statements - statementsFailed);
      s.put("statements_failed", statementsFailed);
      s.put("statements_not_run", statementsNotRun);
    }
    if (statementResult) {
      s.put("environments", withTotal(environments));
      s.put("objects", withTotal(objects));
    }
    if (orphans != null) {
      s.put("orphans", orphans);
    }
    s.put("rows", rows);
    s.put("elapsed_ms", elapsedMs);
    s.put("exit_code", exitCode);
    if (error != null) {
      s.put("error", error);
    }
    return Map.of("summary", s);
  }

  private static Map<String, Object> withTotal(Map<String, Long> counts) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("total", counts.values().stream().mapToLong(Long::longValue).sum());
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      m.put(e.getKey().replace(' ', '_'), e.getValue());
    }
    return m;
  }
}
