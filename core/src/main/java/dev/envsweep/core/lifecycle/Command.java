package dev.envsweep.core.lifecycle;

import java.sql.SQLException;

/** One envsweep statement, bound to its values and ready to run. */
public interface Command {

  /** Runs the statement; its rows come back as pages. */
  ResultPages execute(Lifecycle lifecycle) throws SQLException;
}
