package dev.envsweep.core.plan;

import dev.envsweep.dialects.DropObject;
import java.util.List;
import java.util.Set;

/**
 * What one environment drops on one gateway.
 *
 * @param gateway the gateway's name
 * @param drops the objects, in execution order: views, then schemas, then catalogs; each once
 * @param ownedViews every view the environment defines on this gateway: the only things the ownership guard
 *     lets a dropped schema or catalog contain
 */
public record GatewayPlan(String gateway, List<DropObject> drops, Set<DropObject> ownedViews) {

  public GatewayPlan {
    drops = List.copyOf(drops);
    ownedViews = Set.copyOf(ownedViews);
  }
}
