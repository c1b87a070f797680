package dev.envsweep.core.lifecycle;

import dev.envsweep.core.model.Status;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What one run recorded, counted as its rows were numbered: how many environments its rows concern, how many
 * rows are about warehouse objects (views, schemas, catalogs) rather than an environment's state, and how many
 * rows of each status. Enough for a log line or a CLI summary without reading the history back.
 *
 * @param environments environments the rows concern
 * @param objects rows about warehouse objects
 * @param byStatus rows per status, statuses with none left out
 */
public record RunSummary(long environments, long objects, Map<Status, Long> byStatus) {
  public static final RunSummary EMPTY = new RunSummary(0, 0, Map.of());

  public RunSummary {
    byStatus = Map.copyOf(byStatus);
  }

  public long count(Status status) {
    return byStatus.getOrDefault(status, 0L);
  }

  /** {@code DROPPED=12 DELETED=3}, in the order of {@link Status}; {@code none} for no rows. */
  public String statuses() {
    StringJoiner out = new StringJoiner(" ");
    out.setEmptyValue("none");
    for (Status status : Status.values()) {
      Long n = byStatus.get(status);
      if (n != null) {
        out.add(status + "=" + n);
      }
    }
    return out.toString();
  }
}
