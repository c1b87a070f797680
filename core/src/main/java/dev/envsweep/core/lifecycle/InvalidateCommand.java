package dev.envsweep.core.lifecycle;

import java.sql.SQLException;

/**
 * {@code INVALIDATE ENVIRONMENT name [SYNC [WARN ON FAILURE] [FORCE]]} and
 * {@code CALL sys.invalidate_environment}.
 */
public record InvalidateCommand(String name, boolean sync, boolean warnOnFailure, boolean force)
    implements Command {

  @Override
  public ResultPages execute(Lifecycle lifecycle) throws SQLException {
    return lifecycle.invalidate(name, sync, warnOnFailure, force);
  }

  @Override
  public ResultPages explain(Lifecycle lifecycle) throws SQLException {
    return lifecycle.explainInvalidate(name, sync, force);
  }
}
