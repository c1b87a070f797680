package dev.envsweep.core.meta;

import dev.envsweep.core.lifecycle.ResultPages;
import dev.envsweep.core.lifecycle.RunSummary;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One log line per statement once its work has ended (a streamed cleanup's when its last environment is done):
 * who sent it, the statement, what its rows recorded (environments, objects, rows per status), how long it took
 * and its run id. envsweep's own statements and their errors are logged at info; statements forwarded to the
 * gateway and {@code sys} queries at debug. Each line also carries its fields as SLF4J key-value pairs, which a
 * JSON log encoder writes as fields for log shippers.
 *
 * <p>The logger is {@code dev.envsweep.statements}, so it can be turned down or up on its own.
 */
final class StatementLog {
  static final Logger LOG = LoggerFactory.getLogger("dev.envsweep.statements");
  /** Longest statement text in a line: a generated statement can be long, a log line should not be. */
  static final int MAX_TEXT = 300;

  private StatementLog() {}

  /**
   * Logs a statement that answered: {@code result} holds its rows (envsweep's own carry their run's counts),
   * {@code startedAt} is when it started, in epoch milliseconds.
   */
  static void answered(Session session, String sql, Result result, long startedAt) {
    long elapsed = System.currentTimeMillis() - startedAt;
    if (result instanceof Result.Pages pages) {
      if (!LOG.isInfoEnabled()) {
        return;
      }
      ResultPages rows = pages.pages();
      RunSummary summary = rows.summary();
      LoggingEventBuilder line = fields(LOG.atInfo(), session, sql, elapsed);
      if (summary == null) {
        line.log("{} by {}: nothing recorded (EXPLAIN), {} ms", text(sql), who(session), elapsed);
        return;
      }
      line.addKeyValue("environments", summary.environments()).addKeyValue("objects", summary.objects());
      summary.byStatus().forEach((status, n) -> line.addKeyValue(status.name().toLowerCase(java.util.Locale.ROOT),
          n));
      line.addKeyValue("run_id", rows.runId());
      line.log("{} by {}: {} environment(s), {} object(s), {}, {} ms, run_id={}", text(sql), who(session),
          summary.environments(), summary.objects(), summary.statuses(), elapsed, rows.runId());
    } else if (LOG.isDebugEnabled()) {
      fields(LOG.atDebug(), session, sql, elapsed).log("{} by {}: forwarded, {} ms", text(sql), who(session),
          elapsed);
    }
  }

  /** Logs a statement that failed; envsweep's own at info, forwarded ones at debug. */
  static void failed(Session session, String sql, SQLException error, boolean ours, long startedAt) {
    long elapsed = System.currentTimeMillis() - startedAt;
    LoggingEventBuilder line = ours ? LOG.atInfo() : LOG.atDebug();
    fields(line, session, sql, elapsed).addKeyValue("sqlstate", error.getSQLState())
        .log("{} by {}: failed with {} ({}), {} ms", text(sql), who(session), firstLine(error.getMessage()),
            error.getSQLState(), elapsed);
  }

  /** Logs a statement that failed inside envsweep (XX000), with the stack trace: that is a bug to report. */
  static void internal(Session session, String sql, RuntimeException error, long startedAt) {
    if (error instanceof org.apache.calcite.avatica.AvaticaClientRuntimeException) {
      return; // an error already meant for the client, with its SQLSTATE, not a failure inside envsweep
    }
    long elapsed = System.currentTimeMillis() - startedAt;
    fields(LOG.atWarn(), session, sql, elapsed).addKeyValue("sqlstate", "XX000").setCause(error)
        .log("{} by {}: internal error after {} ms", text(sql), who(session), elapsed);
  }

  private static LoggingEventBuilder fields(LoggingEventBuilder line, Session session, String sql, long elapsed) {
    Caller caller = session.caller;
    line.addKeyValue("statement", text(sql));
    if (caller != null && caller.user() != null) {
      line.addKeyValue("user", caller.user());
    }
    return line.addKeyValue("remote", caller == null ? "in-process" : caller.remoteAddress())
        .addKeyValue("session", session.id).addKeyValue("elapsed_ms", elapsed);
  }

  /** {@code alice@10.0.0.5:50122}, {@code 10.0.0.5:50122} without authentication, or {@code in-process}. */
  static String who(Session session) {
    Caller caller = session.caller;
    if (caller == null) {
      return "in-process";
    }
    return caller.user() == null ? String.valueOf(caller.remoteAddress()) : caller.user() + "@"
        + caller.remoteAddress();
  }

  /** The statement on one line, whitespace collapsed, cut at {@link #MAX_TEXT} characters. */
  static String text(String sql) {
    String one = sql.strip().replaceAll("\\s+", " ");
    return one.length() <= MAX_TEXT ? one : one.substring(0, MAX_TEXT) + "...";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl) + " ...";
  }
}
