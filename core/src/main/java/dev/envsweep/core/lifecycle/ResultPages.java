package dev.envsweep.core.lifecycle;

import dev.envsweep.core.model.ResultRow;
import java.sql.SQLException;
import java.util.List;

/**
 * A statement's result rows, handed out a page at a time so memory never depends on how many there are. An
 * empty page means the end.
 */
public interface ResultPages {

  List<ResultRow> next() throws SQLException;

  /** The run whose rows these are, when they are recorded; null for EXPLAIN, which records nothing. */
  String runId();

  /**
   * Whether {@link #next} would answer without waiting for work still under way (a streamed cleanup's next
   * batch), so a frame of rows can be sent with what is there rather than held back for more.
   */
  default boolean ready() {
    return true;
  }

  /** What the run has recorded so far (all of it once the work has ended); null when nothing is recorded. */
  default RunSummary summary() {
    return null;
  }

  /** A few rows already in hand (EXPLAIN of one statement). */
  static ResultPages of(List<ResultRow> rows) {
    return of(rows, (Run) null);
  }

  /**
   * A few rows already in hand that were also recorded by {@code run}: a one-environment statement answers with its
   * row rather than reading it back from the history (two state store queries saved per call).
   */
  static ResultPages of(List<ResultRow> rows, Run run) {
    return new ResultPages() {
      private boolean given;

      @Override
      public List<ResultRow> next() {
        if (given) {
          return List.of();
        }
        given = true;
        return rows;
      }

      @Override
      public String runId() {
        return run == null ? null : run.id();
      }

      @Override
      public RunSummary summary() {
        return run == null ? null : run.summary();
      }
    };
  }
}
