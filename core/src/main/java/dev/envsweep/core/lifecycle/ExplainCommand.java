package dev.envsweep.core.lifecycle;

import java.sql.SQLException;

/** {@code EXPLAIN <statement>}: the explained statement's plan as PLANNED rows; nothing runs. */
public record ExplainCommand(Command explained) implements Command {

  @Override
  public ResultPages execute(Lifecycle lifecycle) throws SQLException {
    return explained.explain(lifecycle);
  }
}
