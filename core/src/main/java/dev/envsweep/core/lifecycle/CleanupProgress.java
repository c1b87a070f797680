package dev.envsweep.core.lifecycle;

import dev.envsweep.core.model.ResultRow;
import java.sql.SQLException;
import java.util.List;

/** Told after each environment a cleanup has dealt with (the background janitor logs and renews its lease). */
@FunctionalInterface
public interface CleanupProgress {
  CleanupProgress NONE = (name, rows) -> { };

  /**
   * {@code rows} are what the environment's unit of work recorded (empty when another janitor had it). Throwing
   * stops the cleanup after this environment; what was done stays done and recorded.
   */
  void environmentDone(String name, List<ResultRow> rows) throws SQLException;
}
