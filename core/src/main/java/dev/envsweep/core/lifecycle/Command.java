package dev.envsweep.core.lifecycle;

import java.sql.SQLException;

/** One envsweep statement, bound to its values and ready to run. */
public interface Command {

  /** Runs the statement; its rows come back as pages. */
  ResultPages execute(Lifecycle lifecycle) throws SQLException;

  /** What the statement would do, as PLANNED rows; nothing runs. Statements that cannot be explained say so. */
  default ResultPages explain(Lifecycle lifecycle) throws SQLException {
    throw new SQLException("EXPLAIN does not apply to this statement", "42601");
  }
}
