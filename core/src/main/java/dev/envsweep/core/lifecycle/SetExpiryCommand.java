package dev.envsweep.core.lifecycle;

import java.sql.SQLException;

/** {@code ALTER ENVIRONMENT name SET ...} and {@code CALL sys.set_environment_ttl}. */
public record SetExpiryCommand(String name, ExpiryChange change) implements Command {

  @Override
  public ResultPages execute(Lifecycle lifecycle) throws SQLException {
    return lifecycle.setExpiry(name, change);
  }
}
