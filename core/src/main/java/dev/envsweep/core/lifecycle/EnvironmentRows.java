package dev.envsweep.core.lifecycle;

import dev.envsweep.core.model.EnvironmentNames;
import dev.envsweep.core.model.ObjectKinds;
import dev.envsweep.core.model.ResultRow;
import dev.envsweep.core.model.Status;

/** The ENVIRONMENT rows cleanup and EXPLAIN write about an environment's state row itself. */
final class EnvironmentRows {
  private EnvironmentRows() {}

  /** {@code prod} or a pinned environment: left alone, whatever its expiry says. */
  static ResultRow protectedRow(String name) {
    return environmentRow(name, null, Status.WARNING, "protected: "
        + (name.equals(EnvironmentNames.PROD) ? "prod" : "a pinned environment")
        + " is never cleaned, whatever its expiration_ts says; left alone");
  }

  static ResultRow environmentRow(String name, String sql, Status status, String message) {
    return new ResultRow(name, null, ObjectKinds.ENVIRONMENT, name, sql, status, message, 0);
  }
}
