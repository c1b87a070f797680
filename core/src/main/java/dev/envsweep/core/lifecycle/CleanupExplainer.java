package dev.envsweep.core.lifecycle;

import dev.envsweep.core.config.EnvsweepConfig;
import dev.envsweep.core.execute.Gateways;
import dev.envsweep.core.model.EnvironmentNames;
import dev.envsweep.core.model.ObjectKinds;
import dev.envsweep.core.model.ResultRow;
import dev.envsweep.core.model.Status;
import dev.envsweep.core.plan.CleanupPlan;
import dev.envsweep.core.plan.CleanupPlanner;
import dev.envsweep.core.plan.GatewayPlan;
import dev.envsweep.core.plan.PlanningException;
import dev.envsweep.core.state.InvalidStateException;
import dev.envsweep.core.state.StateStore;
import dev.envsweep.core.state.StateStore.EnvironmentRecord;
import dev.envsweep.dialects.DropMode;
import java.util.ArrayList;
import java.util.List;

/**
 * EXPLAIN of cleanup's unit of work for one environment: its plan rendered gateway by gateway as PLANNED rows,
 * then the state DELETE a run would send. Nothing is locked, sent or recorded.
 */
final class CleanupExplainer {
  private final EnvsweepConfig config;
  private final StateStore state;
  private final Gateways gateways;
  private final CleanupPlanner planner;
  private final GatewayDrops drops;

  CleanupExplainer(EnvsweepConfig config, StateStore state, Gateways gateways, CleanupPlanner planner,
      GatewayDrops drops) {
    this.config = config;
    this.state = state;
    this.gateways = gateways;
    this.planner = planner;
    this.drops = drops;
  }

  /** The rows EXPLAIN shows for one environment. */
  List<ResultRow> explain(EnvironmentRecord record, DropMode mode) {
    String name = record.name();
    if (config.isProtected(EnvironmentNames.sanitise(name))) {
      return List.of(EnvironmentRows.protectedRow(name));
    }
    List<ResultRow> rows = new ArrayList<>();
    CleanupPlan plan;
    try {
      plan = planner.plan(record.environment());
    } catch (PlanningException | InvalidStateException e) {
      rows.add(EnvironmentRows.environmentRow(name, null, Status.FAILED, "kept: " + e.getMessage()));
      return rows;
    }
    for (GatewayPlan gatewayPlan : plan.gateways()) {
      rows.addAll(drops.explain(name, gatewayPlan, gateways.get(gatewayPlan.gateway()).orElseThrow(), mode));
    }
    rows.add(new ResultRow(name, null, ObjectKinds.ENVIRONMENT, name, state.deleteSql(), Status.PLANNED,
        "state rows deleted once every drop succeeded", 0));
    return rows;
  }
}
