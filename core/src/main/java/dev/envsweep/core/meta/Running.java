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
