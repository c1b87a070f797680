package dev.envsweep.core.lifecycle;

import java.sql.SQLException;

/**
 * {@code CLEANUP EXPIRED ENVIRONMENTS [WARN ON FAILURE] [FORCE]} and
 * {@code CALL sys.cleanup_expired_environments}.
 */
public record CleanupCommand(boolean warnOnFailure, boolean force) implements Command {

  @Override
  public ResultPages execute(Lifecycle lifecycle) throws SQLException {
    return lifecycle.cleanup(warnOnFailure, force);
  }

  @Override
  public ResultPages explain(Lifecycle lifecycle) throws SQLException {
    return lifecycle.explainCleanup(force);
  }
}
