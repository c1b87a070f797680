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

  /**
   * Whether the cleanup should stop before its next environment (its statement was cancelled or ran out of
   * time): nothing more is claimed, what is under way finishes and is recorded, and the cleanup ends in 57014.
   */
  default boolean stopRequested() {
    return false;
  }

  /** The cleanup goes on after its statement has answered (its rows stream); {@link #ended} follows. */
  default void detached() {}

  /** A {@link #detached} cleanup has ended, however it ended. */
  default void ended() {}

  /**
   * This progress, told of each environment after {@code first} is; whether to stop is still this one's to say
   * (a cleanup that collects rows for itself must not hide its caller's wish to stop).
   */
  default CleanupProgress after(CleanupProgress first) {
    CleanupProgress self = this;
    return new CleanupProgress() {
      @Override
      public void environmentDone(String name, List<ResultRow> rows) throws SQLException {
        first.environmentDone(name, rows);
        self.environmentDone(name, rows);
      }

      @Override
      public boolean stopRequested() {
        return self.stopRequested();
      }
    };
  }
}
