package dev.envsweep.core.lifecycle;

import java.sql.SQLException;

/** {@code EXPLAIN CLEANUP EXPIRED ENVIRONMENTS [... FORCE]}: the plan as PLANNED rows; nothing runs. */
public record ExplainCleanupCommand(boolean force) implements Command {

  @Override
  public ResultPages execute(Lifecycle lifecycle) throws SQLException {
    return lifecycle.explainCleanup(force);
  }
}
