package dev.envsweep.core.plan;

import java.util.List;

/**
 * Everything cleanup drops for one environment, per gateway, dialect-neutral (names resolved, nothing
 * rendered). Gateways come in a stable order: the default gateway first, then by name.
 */
public record CleanupPlan(String environment, List<GatewayPlan> gateways) {

  public CleanupPlan {
    gateways = List.copyOf(gateways);
  }

  public boolean isEmpty() {
    return gateways.stream().allMatch(g -> g.drops().isEmpty());
  }
}
