package dev.envsweep.core.lifecycle;

import java.sql.SQLException;
import java.util.List;
import org.apache.calcite.sql.SqlNode;

/** Runs one parsed envsweep statement with its bound {@code ?} values, in order. */
public final class StatementExecutor {
  private final Lifecycle lifecycle;

  public StatementExecutor(Lifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  /**
   * Runs the statement; its rows come back as pages. {@code progress} hears of each environment a cleanup
   * finishes; throwing from it stops the cleanup after that environment.
   */
  public ResultPages execute(SqlNode statement, List<Object> parameters, CleanupProgress progress)
      throws SQLException {
    return StatementBinder.bind(statement, parameters).execute(lifecycle);
  }
}
