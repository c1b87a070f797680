package dev.envsweep.core.lifecycle;

import java.sql.SQLException;

/** {@code RESTORE ENVIRONMENT name} and {@code CALL sys.restore_environment}. */
public record RestoreCommand(String name) implements Command {

  @Override
  public ResultPages execute(Lifecycle lifecycle) throws SQLException {
    return lifecycle.restore(name);
  }
}
