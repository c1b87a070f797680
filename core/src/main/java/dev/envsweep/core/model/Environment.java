package dev.envsweep.core.model;

import java.util.List;

/**
 * One row of SQLMesh's {@code _environments}, as far as cleanup needs it.
 *
 * @param name sanitised name (the primary key)
 * @param snapshots every snapshot of the environment (not only the promoted ones, as SQLMesh's janitor)
 * @param planId the plan that wrote the row; cleanup deletes the row only while it still matches
 * @param expirationTs epoch ms, null for never
 * @param finalizedTs epoch ms, null while a plan is in flight
 * @param suffixTarget stored value, validated when planning ({@link SuffixTarget#parse})
 * @param catalogNameOverride catalog of every view, from {@code environment_catalog_mapping}
 * @param normalizeName whether suffixes and catalog names are case-normalised for the engine
 * @param gatewayManaged whether each model's views live on the model's own gateway
 */
public record Environment(String name, List<SnapshotTableInfo> snapshots, String planId, Long expirationTs,
    Long finalizedTs, String suffixTarget, String catalogNameOverride, boolean normalizeName,
    boolean gatewayManaged) {

  public Environment {
    snapshots = List.copyOf(snapshots);
  }

  public boolean isDev() {
    return !name.equals("prod");
  }
}
