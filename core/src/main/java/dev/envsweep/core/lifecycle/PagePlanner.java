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
