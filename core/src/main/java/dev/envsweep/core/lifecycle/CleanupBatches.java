package dev.envsweep.core.lifecycle;

import dev.envsweep.core.execute.DropWorkers;
import dev.envsweep.core.model.ResultRow;
import dev.envsweep.core.state.StateStore;
import dev.envsweep.dialects.DropMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

/**
 * Cleanup's unit of work, environment by environment, in batches: claim each row under a lock (still expired, held
 * by no other janitor), drop its objects on each gateway, delete exactly that row (name and plan id still
 * matching, still expired) unless a drop failed and failures are not tolerated, record every row in the history,
 * then commit. {@code prod} and pinned environments are never planned, dropped or deleted: they get one WARNING
 * row.
 */
final class CleanupBatches {
  private final StateStore state;
  private final PagePlanner planner;
  private final EnvironmentDrops drops;
  private final BatchRecorder recorder;
  /** Environments dropped at once: the largest {@code max_parallel_drops} of any gateway. */
  private final DropWorkers workers;
  /**
   * Environments being cleaned by this process right now. Row locks keep janitors in different processes apart
   * where the state engine has them; this keeps threads of one process apart on every engine (DuckDB has none).
   */
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

  CleanupBatches(StateStore state, PagePlanner planner, EnvironmentDrops drops, BatchRecorder recorder,
      DropWorkers workers) {
    this.state = state;
    this.planner = planner;
    this.drops = drops;
    this.recorder = recorder;
    this.workers = workers;
  }

  /** What happened to one environment. */
  record Outcome(List<ResultRow> rows) {
    List<ResultRow> failures() {
      return rows.stream().filter(ResultRow::failed).toList();
    }
  }

  /** Most environments one state transaction deals with. */
  static final int MAX_BATCH = 50;
  /**
   * A batch stops claiming once it has run this long: rows it claimed stay locked until it commits, and a
   * SQLMesh plan that re-plans one of them waits for that (it then succeeds, and its new row is left alone).
   */
  static final long BATCH_MILLIS = 1_000;

  /**
   * Cleans one environment if it is still expired at {@code now}. Rows are recorded under {@code run}; an
   * environment another janitor holds, or no longer expired, is left alone with no rows. {@code progress} hears
   * of it once its batch has committed.
   */
  Outcome clean(String name, long now, Run run, boolean warnOnFailure, DropMode mode, CleanupProgress progress)
      throws SQLException {
    List<Outcome> outcomes = new ArrayList<>();
    cleanAll(List.of(name), now, run, warnOnFailure, mode, CleanupPage.NONE,
        progress.after((n, rows) -> outcomes.add(new Outcome(rows))));
    return outcomes.get(0);
  }

  /**
   * Cleans these environments in order, in batches. A batch is one state transaction: as drops can start (the
   * whole batch at once where a later claim would read nothing newer) it claims the rows (locked where the engine
   * has row locks, still expired; a row another janitor holds is skipped) and hands their drops to the workers,
   * up to {@link #MAX_BATCH} environments or
   * {@link #BATCH_MILLIS}; once their drops are done it deletes the state of those whose drops all succeeded (or
   * WARN ON FAILURE), records orphans and history (each kind of statement in one JDBC batch) and commits. Per
   * environment the outcome is what a transaction of its own would give: a failed drop keeps its state, a
   * re-planned environment is never deleted, and a crash rolls back only state (its objects, already gone, are
   * SKIPPED by the next run). {@code done} hears of every name, in order, once its batch has committed.
   */
  void cleanAll(List<String> names, long now, Run run, boolean warnOnFailure, DropMode mode, CleanupPage page,
      CleanupProgress done) throws SQLException {
    int next = 0;
    // Another janitor works on these names too (a claim came back short): claims go back to one per worker, so
    // that janitors share the backlog environment by environment instead of the first one sweeping ahead.
    boolean contended = false;
    while (next < names.size()) {
      if (done.stopRequested()) {
        throw new SQLException("stopped before environment '" + names.get(next) + "'; what was done is recorded in "
            + "sys.cleanup_history under run_id=" + run.id(), "57014");
      }
      List<String> taken = new ArrayList<>();
      List<String> mine = new ArrayList<>();
      List<Future<DroppedEnvironment>> dropping = new ArrayList<>();
      List<DroppedEnvironment> batch;
      long started = System.nanoTime();
      try (Connection c = state.connection()) {
        c.setAutoCommit(false);
        try {
          while (next < names.size() && dropping.size() < MAX_BATCH
              && (System.nanoTime() - started) / 1_000_000 < BATCH_MILLIS && !done.stopRequested()) {
            // Claims go out in groups, each one round trip: on DuckDB (see StateStore.claimsWholeBatch) the whole
            // batch at once; elsewhere as many as the workers are expected to drop in what is left of the batch's
            // time, since a claimed row stays locked until the batch commits.
            int claimAtOnce = state.claimsWholeBatch() ? MAX_BATCH
                : contended ? workers.parallelism() : claimSize(started);
            List<String> group = new ArrayList<>();
            while (next < names.size() && group.size() < claimAtOnce
                && dropping.size() + group.size() < MAX_BATCH) {
              String name = names.get(next++);
              taken.add(name);
              if (inFlight.add(name)) {
                mine.add(name);
                group.add(name);
              }
            }
            List<PlannedEnvironment> claimedGroup = claim(c, group, page, now);
            contended |= claimedGroup.size() < group.size();
            for (PlannedEnvironment claimed : claimedGroup) {
              if (done.stopRequested()) {
                // Claimed but not started: left as it is (its lock goes with the commit), and the stop names it.
                int unstarted = names.subList(0, next).lastIndexOf(claimed.record().name());
                while (next > unstarted) {
                  next--;
                  taken.remove(taken.size() - 1);
                }
                break;
              }
              dropping.add(workers.submit(() -> timed(() -> drops.drop(claimed, warnOnFailure, mode,
                  page.snapshot()))));
            }
          }
          batch = DropWorkers.awaitAll(dropping);
          List<dev.envsweep.core.state.EnvsweepTables.HistoryRow> recorded = recorder.record(c, batch, now, run);
          c.commit();
          run.committed(recorded);
        } catch (SQLException | RuntimeException e) {
          awaitQuietly(dropping);
          c.rollback();
          throw e;
        }
      } finally {
        mine.forEach(inFlight::remove);
      }
      Map<String, List<ResultRow>> rowsByName = new HashMap<>();
      for (DroppedEnvironment p : batch) {
        rowsByName.put(p.name(), p.rows());
      }
      for (String name : taken) {
        done.environmentDone(name, rowsByName.getOrDefault(name, List.of()));
      }
    }
  }

  /**
   * Nanoseconds one environment's drops took lately (a moving average over this process's cleanups); 0 until the
   * first is measured. It sizes claims: the drops' speed is the warehouse's, so it holds from batch to batch.
   */
  private volatile long nanosPerEnvironment;

  private DroppedEnvironment timed(java.util.function.Supplier<DroppedEnvironment> drop) {
    long start = System.nanoTime();
    DroppedEnvironment dropped = drop.get();
    long took = System.nanoTime() - start;
    long before = nanosPerEnvironment;
    nanosPerEnvironment = before == 0 ? took : (7 * before + took) / 8;
    return dropped;
  }

  /**
   * How many environments to claim in one round trip: as many as the workers are expected to drop in what is
   * left of {@link #BATCH_MILLIS} (so the first claimed waits about as long for its commit as when each was
   * claimed alone), at least one per worker; one per worker while nothing has been measured yet.
   */
  private int claimSize(long batchStartedNanos) {
    long per = nanosPerEnvironment;
    if (per == 0) {
      return workers.parallelism();
    }
    long left = BATCH_MILLIS * 1_000_000 - (System.nanoTime() - batchStartedNanos);
    long fits = Math.max(0, left) / per * workers.parallelism();
    return (int) Math.max(workers.parallelism(), Math.min(MAX_BATCH, fits));
  }

  /** Lets drops already started finish before their batch rolls back, so none outlives the cleanup. */
  private static void awaitQuietly(List<Future<DroppedEnvironment>> dropping) {
    try {
      DropWorkers.awaitAll(dropping);
    } catch (RuntimeException | Error ignored) {
      // the batch's own failure is the one reported
    }
  }

  /**
   * Locks these environments for this batch, those still expired and held by no other janitor, in order. One
   * read on the page with the same plan id is still the same version, so its plan stands and only plan ids are
   * read; otherwise (re-planned since, or never read) the row is read and planned afresh.
   */
  private List<PlannedEnvironment> claim(Connection c, List<String> names, CleanupPage page, long now)
      throws SQLException {
    List<PlannedEnvironment> out = new ArrayList<>();
    if (names.isEmpty()) {
      return out; // every one of them is being cleaned by another thread of this process
    }
    if (names.size() == 1 && !page.plans().containsKey(names.get(0))) {
      // Nothing read before (INVALIDATE ... SYNC): one query both locks and reads it.
      state.lockIfExpired(c, names.get(0), now).map(planner::plan).ifPresent(out::add);
      return out;
    }
    Map<String, String> planIds = state.lockPlanIdsIfExpired(c, names, now);
    for (String name : names) {
      String planId = planIds.get(name);
      if (planId == null) {
        continue;
      }
      PlannedEnvironment seen = page.plans().get(name);
      if (seen != null && planId.equals(Objects.toString(seen.record().planId(), ""))) {
        out.add(seen);
      } else {
        // locked already by this transaction: read as it is now
        state.lockIfExpired(c, name, now).map(planner::plan).ifPresent(out::add);
      }
    }
    return out;
  }
}
