package dev.envsweep.core.lifecycle;

import dev.envsweep.core.config.EnvsweepConfig;
import dev.envsweep.core.execute.CatalogueSnapshot;
import dev.envsweep.core.execute.DropExecutor;
import dev.envsweep.core.execute.Gateway;
import dev.envsweep.core.execute.Gateways;
import dev.envsweep.core.plan.CleanupPlan;
import dev.envsweep.core.plan.CleanupPlanner;
import dev.envsweep.core.plan.GatewayPlan;
import dev.envsweep.core.plan.PlanningException;
import dev.envsweep.core.state.Environment;
import dev.envsweep.core.state.EnvironmentNames;
import dev.envsweep.core.state.EnvsweepTables;
import dev.envsweep.core.state.InvalidStateException;
import dev.envsweep.core.state.ObjectKinds;
import dev.envsweep.core.state.ResultRow;
import dev.envsweep.core.state.StateStore;
import dev.envsweep.core.state.StateStore.EnvironmentRecord;
import dev.envsweep.core.state.Status;
import dev.envsweep.dialects.DropMode;
import dev.envsweep.dialects.DropObject;
import dev.envsweep.dialects.UnsupportedDropException;
import dev.envsweep.core.state.Orphan;
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
  }

  /** What happened to one environment. */
  record Outcome(List<ResultRow> rows, boolean claimed) {
    List<ResultRow> failures() {
      return rows.stream().filter(ResultRow::failed).toList();
    }
  }

  /**
   * Cleans one environment if it is still expired at {@code now}. Rows are recorded under {@code run}; an
   * environment another janitor holds, or no longer expired, is left alone with no rows.
   */
  Outcome clean(String name, long now, Run run, boolean warnOnFailure, DropMode mode) throws SQLException {
    return clean(name, now, run, warnOnFailure, mode, CatalogueSnapshot.NONE);
  }

  /** As above, the guard judging by {@code snapshot} where it covers the environment's drops. */
  Outcome clean(String name, long now, Run run, boolean warnOnFailure, DropMode mode, CatalogueSnapshot snapshot)
      throws SQLException {
    if (!inFlight.add(name)) {
      return new Outcome(List.of(), false);
    }
    try {
      return claimAndClean(name, now, run, warnOnFailure, mode, snapshot);
    } finally {
      inFlight.remove(name);
    }
  }

  /**
   * One catalogue listing per gateway for a page of environments about to be cleaned (see
   * {@link CatalogueSnapshot}); environments that cannot be planned, and protected ones, are left out.
   */
  CatalogueSnapshot prelist(List<EnvironmentRecord> records, DropMode mode) {
    Map<Gateway, List<DropObject>> drops = new LinkedHashMap<>();
    for (EnvironmentRecord record : records) {
      if (config.isProtected(EnvironmentNames.sanitise(record.name()))) {
        continue;
      }
      try {
        for (GatewayPlan gatewayPlan : planner.plan(record.environment()).gateways()) {
          gateways.get(gatewayPlan.gateway()).ifPresent(g ->
              drops.computeIfAbsent(g, k -> new ArrayList<>()).addAll(gatewayPlan.drops()));
        }
      } catch (PlanningException | RuntimeException e) {
        // planned (and reported) again when the environment's turn comes
      }
    }
    return executor.snapshot(drops, mode);
  }

  private Outcome claimAndClean(String name, long now, Run run, boolean warnOnFailure, DropMode mode,
      CatalogueSnapshot snapshot) throws SQLException {
    try (Connection c = state.connection()) {
      c.setAutoCommit(false);
      try {
        Optional<EnvironmentRecord> found = state.lockIfExpired(c, name, now);
        if (found.isEmpty()) {
          c.rollback();
          return new Outcome(List.of(), false);
        }
        List<ResultRow> rows = work(c, found.get(), now, warnOnFailure, mode, snapshot);
        tables.append(c, run.number(rows));
        c.commit();
        return new Outcome(rows, true);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private List<ResultRow> work(Connection c, EnvironmentRecord record, long now, boolean warnOnFailure,
      DropMode mode, CatalogueSnapshot snapshot) throws SQLException {
    String name = record.name();
    if (config.isProtected(EnvironmentNames.sanitise(name))) {
      return List.of(protectedRow(name));
    }
    List<ResultRow> rows = new ArrayList<>();
    Environment env;
    CleanupPlan plan;
    try {
      env = record.environment();
      plan = planner.plan(env);
    } catch (PlanningException | InvalidStateException e) {
      rows.add(environmentRow(name, null, Status.FAILED, "kept: " + e.getMessage()));
      return rows;
    }
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
      return rows;
    }
    long start = System.nanoTime();
    int deleted = state.delete(c, env, now);
    long elapsed = (System.nanoTime() - start) / 1_000_000;
    if (deleted == 0) {
      rows.add(new ResultRow(name, null, ObjectKinds.ENVIRONMENT, name, state.deleteSql(), Status.FAILED,
          "kept: the environment was re-planned or its expiry changed while cleanup ran", elapsed));
    } else {
      // WARN ON FAILURE: the state goes, but what was left behind is recorded and retried by every cleanup.
      tables.addOrphans(c, leftBehind);
      tables.forgetInvalidation(c, name);
      rows.add(new ResultRow(name, null, ObjectKinds.ENVIRONMENT, name, state.deleteSql(), Status.DELETED,
          failed > 0 ? "deleted despite " + failed + " failed drop(s) (WARN ON FAILURE); " + leftBehind.size()
              + " object(s) recorded in sys.orphans and retried by every cleanup" : "state rows deleted", elapsed));
    }
    return rows;
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
