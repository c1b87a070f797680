package dev.envsweep.core.lifecycle;

import java.sql.SQLException;

/**
 * {@code INVALIDATE ENVIRONMENTS LIKE pattern [OLDER THAN age]} and {@code CALL sys.invalidate_environments}.
 *
 * @param olderThan null for any age
 */
public record InvalidateMatchingCommand(String pattern, Ttl olderThan) implements Command {

  @Override
  public ResultPages execute(Lifecycle lifecycle) throws SQLException {
    return lifecycle.invalidateMatching(pattern, olderThan);
  }

  @Override
  public ResultPages explain(Lifecycle lifecycle) throws SQLException {
    return lifecycle.explainInvalidateMatching(pattern, olderThan);
  }
}
