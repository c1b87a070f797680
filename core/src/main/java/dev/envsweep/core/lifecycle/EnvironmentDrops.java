package dev.envsweep.core.lifecycle;

import dev.envsweep.core.config.EnvsweepConfig;
import dev.envsweep.core.execute.Gateway;
import dev.envsweep.core.execute.GatewayOutcome;
import dev.envsweep.core.execute.Gateways;
import dev.envsweep.core.model.Environment;
import dev.envsweep.core.model.EnvironmentNames;
import dev.envsweep.core.model.Orphan;
import dev.envsweep.core.model.ResultRow;
import dev.envsweep.core.model.Status;
import dev.envsweep.core.plan.CleanupPlan;
import dev.envsweep.core.plan.GatewayPlan;
import dev.envsweep.core.render.CatalogueSnapshot;
import dev.envsweep.dialects.DropMode;
import dev.envsweep.dialects.DropObject;
import dev.envsweep.dialects.UnsupportedDropException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Drops one claimed environment's objects, gateway by gateway, and decides what becomes of its state: kept when a
 * drop failed (unless WARN ON FAILURE, which deletes it and records what was left behind as orphans). Protected
 * environments get one WARNING row and nothing else; one that cannot be planned is kept with the reason.
 */
final class EnvironmentDrops {
  private final EnvsweepConfig config;
  private final Gateways gateways;
  private final GatewayDrops drops;

  EnvironmentDrops(EnvsweepConfig config, Gateways gateways, GatewayDrops drops) {
    this.config = config;
    this.gateways = gateways;
    this.drops = drops;
  }

  DroppedEnvironment drop(PlannedEnvironment planned, boolean warnOnFailure, DropMode mode,
      CatalogueSnapshot snapshot) {
    String name = planned.record().name();
    List<ResultRow> rows = new ArrayList<>();
    if (config.isProtected(EnvironmentNames.sanitise(name))) {
      rows.add(EnvironmentRows.protectedRow(name));
      return new DroppedEnvironment(name, rows, null, List.of(), 0);
    }
    if (planned.plan() == null) {
      rows.add(EnvironmentRows.environmentRow(name, null, Status.FAILED, "kept: " + planned.error()));
      return new DroppedEnvironment(name, rows, null, List.of(), 0);
    }
    Environment env = planned.environment();
    CleanupPlan plan = planned.plan();
    List<Orphan> leftBehind = new ArrayList<>();
    for (GatewayPlan gatewayPlan : plan.gateways()) {
      Gateway gateway = gateways.get(gatewayPlan.gateway()).orElseThrow();
      GatewayOutcome outcome = drops.drop(name, gatewayPlan, gateway, mode, snapshot);
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
      rows.add(EnvironmentRows.environmentRow(name, null, Status.FAILED, "kept: " + failed
          + " object(s) could not be dropped; the next cleanup retries them"));
      return new DroppedEnvironment(name, rows, null, List.of(), failed);
    }
    return new DroppedEnvironment(name, rows, env, leftBehind, failed);
  }

  private static String displayName(Gateway gateway, DropObject object) {
    try {
      return gateway.dialect().renderName(object, gateway.context());
    } catch (UnsupportedDropException e) {
      return object.toString();
    }
  }
}
