package dev.envsweep.core.lifecycle;

import dev.envsweep.core.model.ObjectKinds;
import dev.envsweep.core.model.Orphan;
import dev.envsweep.core.model.ResultRow;
import dev.envsweep.core.model.Status;
import dev.envsweep.core.state.EnvsweepTables;
import dev.envsweep.core.state.StateStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A cleanup batch's state work, in the batch's transaction, each kind of statement sent once for the whole
 * batch: the state deletes (exactly the rows claimed: name and plan id still matching, still expired), the
 * orphans WARN ON FAILURE leaves behind, the restore data of deleted environments, then every row in the history.
 */
final class BatchRecorder {
  private final StateStore state;
  private final EnvsweepTables tables;

  BatchRecorder(StateStore state, EnvsweepTables tables) {
    this.state = state;
    this.tables = tables;
  }

  /**
   * Adds each environment's ENVIRONMENT row to its rows, then records them all; the caller commits. Returns the
   * rows as recorded (numbered), for {@link Run#committed} once the batch has committed.
   */
  List<dev.envsweep.core.state.EnvsweepTables.HistoryRow> record(Connection c, List<DroppedEnvironment> batch, long now, Run run) throws SQLException {
    List<DroppedEnvironment> deleting = batch.stream().filter(p -> p.toDelete() != null).toList();
    long start = System.nanoTime();
    int[] deleted = state.deleteAll(c, deleting.stream().map(DroppedEnvironment::toDelete).toList(), now);
    long elapsed = deleting.isEmpty() ? 0 : (System.nanoTime() - start) / 1_000_000 / deleting.size();
    List<Orphan> left = new ArrayList<>();
    List<String> forget = new ArrayList<>();
    for (int i = 0; i < deleting.size(); i++) {
      DroppedEnvironment p = deleting.get(i);
      if (deleted[i] == 0) {
        p.rows().add(new ResultRow(p.name(), null, ObjectKinds.ENVIRONMENT, p.name(), state.deleteSql(),
            Status.FAILED, "kept: the environment was re-planned or its expiry changed while cleanup ran",
            elapsed));
        continue;
      }
      // WARN ON FAILURE: the state goes, but what was left behind is recorded and retried by every cleanup.
      left.addAll(p.leftBehind());
      forget.add(p.name());
      p.rows().add(new ResultRow(p.name(), null, ObjectKinds.ENVIRONMENT, p.name(), state.deleteSql(),
          Status.DELETED, p.failed() > 0 ? "deleted despite " + p.failed() + " failed drop(s) (WARN ON FAILURE); "
          + p.leftBehind().size() + " object(s) recorded in sys.orphans and retried by every cleanup"
          : "state rows deleted", elapsed));
    }
    tables.addOrphans(c, left);
    tables.forgetInvalidations(c, forget);
    List<ResultRow> all = new ArrayList<>();
    for (DroppedEnvironment p : batch) {
      all.addAll(p.rows());
    }
    List<dev.envsweep.core.state.EnvsweepTables.HistoryRow> numbered = run.number(all);
    tables.append(c, numbered);
    return numbered;
  }
}
