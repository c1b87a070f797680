package dev.envsweep.core.lifecycle;

import dev.envsweep.core.config.EnvsweepConfig;
import dev.envsweep.core.execute.CatalogueSnapshot;
import dev.envsweep.core.execute.DropExecutor;
import dev.envsweep.core.execute.DropWorkers;
import dev.envsweep.core.execute.Gateway;
import dev.envsweep.core.execute.Gateways;
import dev.envsweep.core.plan.CleanupPlan;
import dev.envsweep.core.plan.CleanupPlanner;
import dev.envsweep.core.plan.GatewayPlan;
import dev.envsweep.core.plan.PlanningException;
import dev.envsweep.core.model.Environment;
import dev.envsweep.core.model.EnvironmentNames;
import dev.envsweep.core.state.EnvsweepTables;
import dev.envsweep.core.state.InvalidStateException;
import dev.envsweep.core.model.ObjectKinds;
import dev.envsweep.core.model.ResultRow;
import dev.envsweep.core.state.StateStore;
import dev.envsweep.core.state.StateStore.EnvironmentRecord;
import dev.envsweep.core.model.Status;
import dev.envsweep.dialects.DropMode;
import dev.envsweep.dialects.DropObject;
import dev.envsweep.dialects.UnsupportedDropException;
import dev.envsweep.core.model.Orphan;
import java.util.UUID;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

/**
 * Cleanup's unit of work, one environment (DESIGN section 4): read its row under a lock, drop its objects on
 * each gateway, delete exactly that row (name and plan id still matching, still expired) unless a drop failed
 * and failures are not tolerated, record every row in the history, then commit. {@code prod} and pinned
 * environments are never planned, dropped or deleted: they get one WARNING row.
 */
final class EnvironmentCleanup {
  private final EnvsweepConfig config;
  private final StateStore state;
  private final EnvsweepTables tables;
  private final Gateways gateways;
  private final CleanupPlanner planner;
  private final DropExecutor executor;
  /** Environments dropped at once: the largest {@code max_parallel_drops} of any gateway. */
  private final DropWorkers workers;
  /**
   * Environments being cleaned by this process right now. Row locks keep janitors in different processes apart
   * where the state engine has them; this keeps threads of one process apart on every engine (DuckDB has none).
   */
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

  EnvironmentCleanup(EnvsweepConfig config, StateStore state, EnvsweepTables tables, Gateways gateways,
      CleanupPlanner planner, DropExecutor executor) {
    this.config = config;
    this.state = state;
    this.tables = tables;
    this.gateways = gateways;
    this.planner = planner;
    this.executor = executor;
    this.workers = new DropWorkers(gateways.all().stream().mapToInt(g -> g.config().maxParallelDrops()).max()
        .orElse(1));
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
   * environment another janitor holds, or no longer expired, is left alone with no rows.
   */
  Outcome clean(String name, long now, Run run, boolean warnOnFailure, DropMode mode) throws SQLException {
    List<Outcome> outcomes = new ArrayList<>();
    cleanAll(List.of(name), now, run, warnOnFailure, mode, Page.NONE,
        (n, rows) -> outcomes.add(new Outcome(rows)));
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
  void cleanAll(List<String> names, long now, Run run, boolean warnOnFailure, DropMode mode, Page page,
      CleanupProgress done) throws SQLException {
    int next = 0;
    while (next < names.size()) {
      List<String> taken = new ArrayList<>();
      List<String> mine = new ArrayList<>();
      List<Future<Pending>> dropping = new ArrayList<>();
      List<Pending> batch;
      long started = System.nanoTime();
      try (Connection c = state.connection()) {
        c.setAutoCommit(false);
        try {
          while (next < names.size() && dropping.size() < MAX_BATCH
              && (System.nanoTime() - started) / 1_000_000 < BATCH_MILLIS) {
            // As many as the workers can start at once are claimed together (one round trip), so a claimed row
            // waits for at most the drops already running, never behind a whole batch (unless claiming later
            // would read nothing newer: see StateStore.claimsWholeBatch).
            int claimAtOnce = state.claimsWholeBatch() ? MAX_BATCH : workers.parallelism();
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
            for (Planned claimed : claim(c, group, page, now)) {
              dropping.add(workers.submit(() -> drop(claimed, warnOnFailure, mode, page.snapshot())));
            }
          }
          batch = DropWorkers.awaitAll(dropping);
          finish(c, batch, now, run);
          c.commit();
        } catch (SQLException | RuntimeException e) {
          awaitQuietly(dropping);
          c.rollback();
          throw e;
        }
      } finally {
        mine.forEach(inFlight::remove);
      }
      Map<String, List<ResultRow>> rowsByName = new java.util.HashMap<>();
      for (Pending p : batch) {
        rowsByName.put(p.name(), p.rows());
      }
      for (String name : taken) {
        done.environmentDone(name, rowsByName.getOrDefault(name, List.of()));
      }
    }
  }

  /** Lets drops already started finish before their batch rolls back, so none outlives the cleanup. */
  private static void awaitQuietly(List<Future<Pending>> dropping) {
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
  private List<Planned> claim(Connection c, List<String> names, Page page, long now) throws SQLException {
    List<Planned> out = new ArrayList<>();
    if (names.size() == 1 && !page.plans().containsKey(names.get(0))) {
      // Nothing read before (INVALIDATE ... SYNC): one query both locks and reads it.
      state.lockIfExpired(c, names.get(0), now).map(this::plan).ifPresent(out::add);
      return out;
    }
    Map<String, String> planIds = state.lockPlanIdsIfExpired(c, names, now);
    for (String name : names) {
      String planId = planIds.get(name);
      if (planId == null) {
        continue;
      }
      Planned seen = page.plans().get(name);
      if (seen != null && planId.equals(java.util.Objects.toString(seen.record().planId(), ""))) {
        out.add(seen);
      } else {
        // locked already by this transaction: read as it is now
        state.lockIfExpired(c, name, now).map(this::plan).ifPresent(out::add);
      }
    }
    return out;
  }

  /**
   * An environment as read and planned, once per cleanup: the plan, or why it cannot be planned (reported
   * when its turn comes). Protected environments are not planned.
   */
  record Planned(EnvironmentRecord record, Environment environment, CleanupPlan plan, String error) {}

  /** A page of environments about to be cleaned: their plans by name, and one catalogue listing per gateway. */
  record Page(Map<String, Planned> plans, CatalogueSnapshot snapshot) {
    static final Page NONE = new Page(Map.of(), CatalogueSnapshot.NONE);
  }

  private Planned plan(EnvironmentRecord record) {
    if (config.isProtected(EnvironmentNames.sanitise(record.name()))) {
      return new Planned(record, null, null, null);
    }
    try {
      Environment env = record.environment();
      return new Planned(record, env, planner.plan(env), null);
    } catch (PlanningException | InvalidStateException e) {
      return new Planned(record, null, null, e.getMessage());
    }
  }

  /**
   * Plans a page of environments about to be cleaned and lists, once per gateway, everything their drops touch
   * (see {@link CatalogueSnapshot}).
   */
  Page prepare(List<EnvironmentRecord> records, DropMode mode) {
    Map<String, Planned> plans = new java.util.HashMap<>();
    Map<Gateway, List<DropObject>> drops = new LinkedHashMap<>();
    for (EnvironmentRecord record : records) {
      Planned planned = plan(record);
      plans.put(record.name(), planned);
      if (planned.plan() == null) {
        continue;
      }
      for (GatewayPlan gatewayPlan : planned.plan().gateways()) {
        gateways.get(gatewayPlan.gateway()).ifPresent(g ->
            drops.computeIfAbsent(g, k -> new ArrayList<>()).addAll(gatewayPlan.drops()));
      }
    }
    return new Page(plans, executor.snapshot(drops, mode));
  }

  /**
   * A claimed environment after its drops: its rows so far, and, when its state is to be deleted, the
   * environment and the objects WARN ON FAILURE leaves behind.
   */
  private record Pending(String name, List<ResultRow> rows, Environment toDelete, List<Orphan> leftBehind,
      long failed) {}

  private Pending drop(Planned planned, boolean warnOnFailure, DropMode mode, CatalogueSnapshot snapshot) {
    String name = planned.record().name();
    List<ResultRow> rows = new ArrayList<>();
    if (config.isProtected(EnvironmentNames.sanitise(name))) {
      rows.add(protectedRow(name));
      return new Pending(name, rows, null, List.of(), 0);
    }
    if (planned.plan() == null) {
      rows.add(environmentRow(name, null, Status.FAILED, "kept: " + planned.error()));
      return new Pending(name, rows, null, List.of(), 0);
    }
    Environment env = planned.environment();
    CleanupPlan plan = planned.plan();
    List<Orphan> leftBehind = new ArrayList<>();
    for (GatewayPlan gatewayPlan : plan.gateways()) {
      Gateway gateway = gateways.get(gatewayPlan.gateway()).orElseThrow();
      DropExecutor.GatewayOutcome outcome = executor.execute(name, gatewayPlan, gateway, mode, snapshot);
      rows.addAll(outcome.rows());
      for (var f : outcome.failed().entrySet()) {
        DropObject object = f.getKey();
        String error = f.getValue();
        leftBehind.add(new Orphan(UUID.randomUUID().toString(), name, gateway.name(), object,
            displayName(gateway, object), mode == DropMode.FORCE, gatewayPlan.ownedViews(),
            System.currentTimeMillis(), 0, error));
      }
    }
    long failed = rows.stream().filter(ResultRow::failed).count();
    if (failed > 0 && !warnOnFailure) {
      rows.add(environmentRow(name, null, Status.FAILED, "kept: " + failed + " object(s) could not be dropped; "
          + "the next cleanup retries them"));
      return new Pending(name, rows, null, List.of(), failed);
    }
    return new Pending(name, rows, env, leftBehind, failed);
  }

  /** A batch's state work, each kind of statement in one batch: deletes, orphans, invalidations, history. */
  private void finish(Connection c, List<Pending> batch, long now, Run run) throws SQLException {
    List<Pending> deleting = batch.stream().filter(p -> p.toDelete() != null).toList();
    long start = System.nanoTime();
    int[] deleted = state.deleteAll(c, deleting.stream().map(Pending::toDelete).toList(), now);
    long elapsed = deleting.isEmpty() ? 0 : (System.nanoTime() - start) / 1_000_000 / deleting.size();
    List<Orphan> left = new ArrayList<>();
    List<String> forget = new ArrayList<>();
    for (int i = 0; i < deleting.size(); i++) {
      Pending p = deleting.get(i);
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
    for (Pending p : batch) {
      all.addAll(p.rows());
    }
    tables.append(c, run.number(all));
  }

  /**
   * Retries one orphan as its own unit of work: locked against other janitors, dropped as it would have been,
   * forgotten once gone. One still there is a WARNING (it is known and recorded), not a failure of this cleanup.
   */
  List<ResultRow> retry(Orphan candidate, Run run) throws SQLException {
    try (Connection c = state.connection()) {
      c.setAutoCommit(false);
      try {
        Orphan orphan = tables.lockOrphan(c, candidate.id());
        if (orphan == null) {
          c.rollback();
          return List.of();
        }
        List<ResultRow> rows = new ArrayList<>();
        Optional<Gateway> gateway = gateways.get(orphan.gateway());
        if (gateway.isEmpty()) {
          rows.add(new ResultRow(orphan.environment(), orphan.gateway(), orphan.object().kind().name(),
              orphan.displayName(), null, Status.WARNING, "still left behind (sys.orphans): gateway '"
              + orphan.gateway() + "' is no longer configured", 0));
          tables.orphanStillThere(c, orphan.id(), rows.get(0).message());
        } else {
          GatewayPlan plan = new GatewayPlan(orphan.gateway(), List.of(orphan.object()), orphan.ownedViews());
          DropExecutor.GatewayOutcome outcome = executor.execute(orphan.environment(), plan, gateway.get(),
              orphan.force() ? DropMode.FORCE : DropMode.GUARDED);
          for (ResultRow r : outcome.rows()) {
            rows.add(r.failed() ? new ResultRow(r.environment(), r.gateway(), r.objectKind(), r.objectName(), r.sql(),
                Status.WARNING, "still left behind (sys.orphans): " + r.message(), r.elapsedMs()) : r);
          }
          if (outcome.failed().isEmpty()) {
            tables.deleteOrphan(c, orphan.id());
          } else {
            tables.orphanStillThere(c, orphan.id(), outcome.failed().values().iterator().next());
          }
        }
        tables.append(c, run.number(rows));
        c.commit();
        return rows;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static String displayName(Gateway gateway, DropObject object) {
    try {
      return gateway.dialect().renderName(object, gateway.context());
    } catch (UnsupportedDropException e) {
      return object.toString();
    }
  }

  /** The rows EXPLAIN shows for one environment: nothing locked, nothing sent. */
  List<ResultRow> explain(EnvironmentRecord record, DropMode mode) {
    String name = record.name();
    if (config.isProtected(EnvironmentNames.sanitise(name))) {
      return List.of(protectedRow(name));
    }
    List<ResultRow> rows = new ArrayList<>();
    CleanupPlan plan;
    try {
      plan = planner.plan(record.environment());
    } catch (PlanningException | InvalidStateException e) {
      rows.add(environmentRow(name, null, Status.FAILED, "kept: " + e.getMessage()));
      return rows;
    }
    for (GatewayPlan gatewayPlan : plan.gateways()) {
      rows.addAll(executor.explain(name, gatewayPlan, gateways.get(gatewayPlan.gateway()).orElseThrow(), mode));
    }
    rows.add(new ResultRow(name, null, ObjectKinds.ENVIRONMENT, name, state.deleteSql(), Status.PLANNED,
        "state rows deleted once every drop succeeded", 0));
    return rows;
  }

  private static ResultRow protectedRow(String name) {
    return environmentRow(name, null, Status.WARNING, "protected: "
        + (name.equals(EnvironmentNames.PROD) ? "prod" : "a pinned environment")
        + " is never cleaned, whatever its expiration_ts says; left alone");
  }

  private static ResultRow environmentRow(String name, String sql, Status status, String message) {
    return new ResultRow(name, null, ObjectKinds.ENVIRONMENT, name, sql, status, message, 0);
  }
}
