package dev.envsweep.core.model;

import dev.envsweep.dialects.DropObject;
import java.util.Set;

/**
 * An object left behind when WARN ON FAILURE deleted its environment's state although its drop failed. It is
 * kept in {@code envsweep.orphans} and retried by every cleanup until it is gone, so nothing is lost track of.
 *
 * @param id its key
 * @param environment the environment it belonged to
 * @param gateway where it lives
 * @param object what to drop
 * @param displayName its name as the drop statement wrote it
 * @param force whether it was to be dropped with SQLMesh's SQL, unguarded
 * @param ownedViews the views its environment defined on that gateway: what a schema or catalog may still
 *     contain and be dropped
 * @param leftAtMs when it was left behind (epoch ms)
 * @param attempts how many cleanups have tried to drop it since
 * @param lastError why the last attempt failed
 */
public record Orphan(String id, String environment, String gateway, DropObject object, String displayName,
    boolean force, Set<DropObject> ownedViews, long leftAtMs, long attempts, String lastError) {

  public Orphan {
    ownedViews = Set.copyOf(ownedViews);
  }
}
