package dev.envsweep.core.meta;

import dev.envsweep.core.SqlStates;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One statement while it runs: its text and start, for {@code sys.sessions}, and how to stop it. Stopping sets
 * a flag that envsweep's own statements check between environments, and cancels the JDBC statement doing the
 * work (a forwarded statement on the gateway, a {@code sys} query on Calcite), if any.
 */
final class Running {
  final String sql;
  final long startedAt = System.currentTimeMillis();
  private volatile Statement watched;
  private volatile String stoppedBecause;
  /** The work goes on after the statement answered (a streamed cleanup) until {@link #end}. */
  private boolean detached;
  private boolean ended;
  private Runnable whenEnded;

  Running(String sql) {
    this.sql = sql;
  }

  /** The JDBC statement now doing the work; cancelled at once if the run was already stopped. */
  void watch(Statement statement) {
    watched = statement;
    if (stoppedBecause != null) {
      cancelQuietly(statement);
    }
  }

  /** Stops the run: {@code because} completes PostgreSQL's "canceling statement due to ...". */
  void stop(String because) {
    if (stoppedBecause == null) {
      stoppedBecause = because;
    }
    Statement s = watched;
    if (s != null) {
      cancelQuietly(s);
    }
  }

  boolean stopped() {
    return stoppedBecause != null;
  }

  /** The work goes on after the statement has answered: it still runs, and can be stopped, until {@link #end}. */
  synchronized void detach() {
    detached = true;
  }

  /** Detached work has ended. */
  void end() {
    Runnable action;
    synchronized (this) {
      ended = true;
      action = whenEnded;
      whenEnded = null;
    }
    if (action != null) {
      action.run();
    }
  }

  /** Runs {@code action} once the work has ended: now, unless it is detached and still going. */
  void whenEnded(Runnable action) {
    synchronized (this) {
      if (detached && !ended) {
        whenEnded = action;
        return;
      }
    }
    action.run();
  }

  /**
   * What the client of a stopped run sees, whatever the work failed with once stopped; a cleanup's own account
   * of where it stopped (and under which run id its rows are) is kept.
   */
  SQLException stoppedError(SQLException cause) {
    String where = cause != null && SqlStates.QUERY_CANCELED.equals(cause.getSQLState()) && cause.getMessage() != null
        && cause.getMessage().startsWith("stopped before") ? ": " + cause.getMessage() : "";
    return new SQLException("canceling statement due to " + stoppedBecause + where, SqlStates.QUERY_CANCELED,
        cause);
  }

  private static void cancelQuietly(Statement s) {
    try {
      s.cancel();
    } catch (SQLException | RuntimeException ignored) {
      // a statement that already ended has nothing to cancel
    }
  }
}
