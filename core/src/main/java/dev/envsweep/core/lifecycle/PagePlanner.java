package dev.envsweep.core.lifecycle;

import dev.envsweep.core.config.EnvsweepConfig;
import dev.envsweep.core.execute.Gateway;
import dev.envsweep.core.execute.Gateways;
import dev.envsweep.core.model.Environment;
import dev.envsweep.core.model.EnvironmentNames;
import dev.envsweep.core.plan.CleanupPlanner;
import dev.envsweep.core.plan.GatewayPlan;
import dev.envsweep.core.plan.PlanningException;
import dev.envsweep.core.render.CatalogueSnapshot;
import dev.envsweep.core.state.InvalidStateException;
import dev.envsweep.core.state.StateStore.EnvironmentRecord;
import dev.envsweep.dialects.DropMode;
import dev.envsweep.dialects.DropObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans environments read from the state store, one at a time or a page at once; for a page it also lists, once
 * per gateway, everything their drops touch (see {@link CatalogueSnapshot}), so the guard does not list per
 * environment.
 */
final class PagePlanner {
  private final EnvsweepConfig config;
  private final Gateways gateways;
  private final CleanupPlanner planner;
  private final int timeoutSeconds;

  PagePlanner(EnvsweepConfig config, Gateways gateways, CleanupPlanner planner, int timeoutSeconds) {
    this.config = config;
    this.gateways = gateways;
    this.planner = planner;
    this.timeoutSeconds = timeoutSeconds;
  }

  /** One environment's plan, or why it has none; a protected environment is not planned. */
  PlannedEnvironment plan(EnvironmentRecord record) {
    if (config.isProtected(EnvironmentNames.sanitise(record.name()))) {
      return new PlannedEnvironment(record, null, null, null);
    }
    try {
      Environment env = record.environment();
      return new PlannedEnvironment(record, env, planner.plan(env), null);
    } catch (PlanningException | InvalidStateException e) {
      return new PlannedEnvironment(record, null, null, e.getMessage());
    }
  }

  /** Lists catalogues ahead of the drops. */
  private final java.util.concurrent.ExecutorService ahead =
      dev.envsweep.core.execute.DaemonThreads.fixed("envsweep-catalogue", 1);

  /**
   * {@link #prepare} of the next page, started now on a thread of its own where every gateway is a server (its
   * connections are pooled), so that its catalogue listing (on PostgreSQL tens of milliseconds per page, a
   * fifth of a sequential cleanup's time) overlaps the current page's drops instead of following them. The
   * listing is then older by one page's drops when judged; {@link CatalogueSnapshot#MAX_AGE_MS} still bounds
   * that, and an environment re-planned meanwhile lists for itself. On DuckDB, one local file with a single
   * writer, the page is prepared in turn, when awaited, as before.
   */
  java.util.concurrent.Future<CleanupPage> prefetch(List<EnvironmentRecord> records, DropMode mode) {
    if (gateways.all().stream().allMatch(g -> g.dialect().driver().keepsIdleConnections())) {
      return ahead.submit(() -> prepare(records, mode));
    }
    return new java.util.concurrent.FutureTask<>(() -> prepare(records, mode));
  }

  /** The page {@link #prefetch} prepared, once it is ready (prepared here and now if it has not started). */
  static CleanupPage await(java.util.concurrent.Future<CleanupPage> prepared) {
    if (prepared instanceof java.util.concurrent.RunnableFuture<CleanupPage> task) {
      task.run(); // does nothing once it has started on its thread
    }
    return dev.envsweep.core.execute.DropWorkers.awaitAll(List.of(prepared)).get(0);
  }

  /** Plans a page of environments about to be cleaned and takes its catalogue snapshot. */
  CleanupPage prepare(List<EnvironmentRecord> records, DropMode mode) {
    Map<String, PlannedEnvironment> plans = new HashMap<>();
    Map<Gateway, List<DropObject>> drops = new LinkedHashMap<>();
    for (EnvironmentRecord record : records) {
      PlannedEnvironment planned = plan(record);
      plans.put(record.name(), planned);
      if (planned.plan() == null) {
        continue;
      }
      for (GatewayPlan gatewayPlan : planned.plan().gateways()) {
        gateways.get(gatewayPlan.gateway()).ifPresent(g ->
            drops.computeIfAbsent(g, k -> new ArrayList<>()).addAll(gatewayPlan.drops()));
      }
    }
    return new CleanupPage(plans, CatalogueSnapshot.take(drops, mode, timeoutSeconds));
  }
}
