package dev.envsweep.core.lifecycle;

import java.sql.SQLException;

/** {@code EXPLAIN CLEANUP EXPIRED ENVIRONMENTS}: the plan as PLANNED rows; nothing runs. */
public record ExplainCleanupCommand() implements Command {

  @Override
  public ResultPages execute(Lifecycle lifecycle) throws SQLException {
    return lifecycle.explainCleanup();
  }
}
