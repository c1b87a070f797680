package dev.envsweep.core.lifecycle;

import java.sql.SQLException;

/** {@code CLEANUP EXPIRED ENVIRONMENTS [WARN ON FAILURE]} and {@code CALL sys.cleanup_expired_environments}. */
public record CleanupCommand(boolean warnOnFailure) implements Command {

  @Override
  public ResultPages execute(Lifecycle lifecycle) throws SQLException {
    return lifecycle.cleanup(warnOnFailure);
  }
}
