package dev.envsweep.core.lifecycle;

import dev.envsweep.core.SqlStates;
import dev.envsweep.core.config.EnvsweepConfig;
import dev.envsweep.core.model.EnvironmentNames;
import dev.envsweep.core.state.EnvsweepTables;
import dev.envsweep.core.state.EnvsweepTables.Invalidation;
import dev.envsweep.core.model.ObjectKinds;
import dev.envsweep.core.model.ResultRow;
import dev.envsweep.core.state.StateStore;
import dev.envsweep.core.model.Status;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Changes to one environment's {@code expiration_ts}: invalidate, restore, set. Each is its own transaction on
 * the state store, judged by the state store's clock, recorded in the history with its run, and refused for
 * {@code prod} and pinned environments. What an invalidation replaced is kept (envsweep.invalidations) so that
 * RESTORE can put it back until cleanup has removed the environment.
 */
final class Expiries {
  private final EnvsweepConfig config;
  private final StateStore state;
  private final EnvsweepTables tables;

  Expiries(EnvsweepConfig config, StateStore state, EnvsweepTables tables) {
    this.config = config;
    this.state = state;
    this.tables = tables;
  }

  /** 55000 for prod and pinned environments, in SQLMesh's words for prod. */
  void refuseProtected(String name, String verb) throws SQLException {
    if (name.equals(EnvironmentNames.PROD)) {
      throw SqlStates.refused("Cannot " + verb + " the production environment.");
    }
    if (config.pinnedEnvironments().contains(name)) {
      throw SqlStates.refused("Cannot " + verb + " the pinned environment '" + name + "'.");
    }
  }

  /** A unit of work on one existing environment: 42704 when it does not exist. */
  private interface Change {
    ResultRow apply(Connection c, StateStore.Expiry env, long now) throws SQLException;
  }

  private ResultRow inTransaction(String name, Run run, Change change) throws SQLException {
    try (Connection c = state.connection()) {
      c.setAutoCommit(false);
      try {
        Optional<StateStore.Expiry> env = state.expiry(c, name);
        if (env.isEmpty()) {
          throw SqlStates.unknownEnvironment(name);
        }
        ResultRow row = change.apply(c, env.get(), env.get().now());
        if (run != null) {
          tables.append(c, run.number(List.of(row)));
          c.commit();
        } else {
          c.rollback();
        }
        return row;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /**
   * Invalidates: the expiry becomes the state store's now; an environment already expired keeps its earlier
   * expiry. With {@code run == null} nothing changes and the row is PLANNED (EXPLAIN).
   */
  ResultRow invalidate(String name, Run run) throws SQLException {
    refuseProtected(name, "invalidate");
    return inTransaction(name, run, (c, env, now) -> {
      Long old = env.expirationTs();
      if (old != null && old <= now) {
        return row(name, null, run == null ? Status.PLANNED : Status.INVALIDATED, "expiration " + iso(old) + " -> "
            + iso(old) + " (already expired; unchanged)", 0);
      }
      long start = System.nanoTime();
      if (run != null) {
        state.setExpiration(c, name, now);
        tables.rememberInvalidation(c, new Invalidation(name, env.planId(), old, now));
      }
      return row(name, state.setExpirationSql(), run == null ? Status.PLANNED : Status.INVALIDATED,
          "expiration " + iso(old) + " -> " + iso(now), elapsed(start));
    });
  }

  /** Bulk invalidation's step: a protected name is a WARNING row, not an error. */
  ResultRow invalidateMatched(String name, Run run) throws SQLException {
    if (config.isProtected(name)) {
      // Recorded like any other row so that the statement's result (read back from the history) shows it.
      return inTransaction(name, run, (c, env, now) -> row(name, null, Status.WARNING, "protected: "
          + (name.equals(EnvironmentNames.PROD) ? "prod" : "a pinned environment")
          + " is never invalidated; left alone", 0));
    }
    return invalidate(name, run);
  }

  /** Undoes envsweep's last invalidation of the environment, if cleanup has not removed it yet. */
  ResultRow restore(String name, Run run) throws SQLException {
    refuseProtected(name, "restore");
    try {
      return inTransaction(name, run, (c, env, now) -> {
        Optional<Invalidation> last = tables.invalidation(c, name);
        if (last.isEmpty()) {
          throw SqlStates.refused("environment '" + name + "' was not invalidated by envsweep (or its expiry was "
              + "set since): nothing to restore");
        }
        if (!String.valueOf(last.get().planId()).equals(String.valueOf(env.planId()))) {
          tables.forgetInvalidation(c, name);
          c.commit();
          throw SqlStates.refused("environment '" + name + "' was re-planned since it was invalidated: nothing to "
              + "restore");
        }
        long start = System.nanoTime();
        Long previous = last.get().previousExpirationTs();
        state.setExpiration(c, name, previous);
        tables.forgetInvalidation(c, name);
        return row(name, state.setExpirationSql(), Status.RESTORED, "expiration " + iso(env.expirationTs())
            + " -> " + iso(previous), elapsed(start));
      });
    } catch (SQLException e) {
      if (SqlStates.UNDEFINED_OBJECT.equals(e.getSQLState())) {
        throw new SQLException("environment '" + SqlStates.shown(name) + "' does not exist: cleanup has already "
            + "removed it, or it never existed", SqlStates.UNDEFINED_OBJECT);
      }
      throw e;
    }
  }

  /** ALTER ENVIRONMENT ... SET: a TTL from now, no expiry, or a moment, which must lie in the future. */
  ResultRow set(String name, ExpiryChange change, Run run) throws SQLException {
    refuseProtected(name, "change the expiry of");
    return inTransaction(name, run, (c, env, now) -> {
      Long next;
      if (change instanceof ExpiryChange.After after) {
        long at = after.ttl().expiresAt(now);
        if (!after.ttl().isPositive() || at <= now) {
          throw SqlStates.invalidArgument("TTL '" + SqlStates.shown(after.ttl().text()) + "' ends at " + iso(at)
              + ", not in the future: use INVALIDATE ENVIRONMENT to expire it now");
        }
        next = at;
      } else if (change instanceof ExpiryChange.At at) {
        if (at.epochMillis() <= now) {
          throw SqlStates.invalidArgument(iso(at.epochMillis()) + " is in the past: use INVALIDATE ENVIRONMENT "
              + "to expire it now");
        }
        next = at.epochMillis();
      } else {
        next = null;
      }
      long start = System.nanoTime();
      state.setExpiration(c, name, next);
      tables.forgetInvalidation(c, name);
      return row(name, state.setExpirationSql(), Status.UPDATED, "expiration " + iso(env.expirationTs()) + " -> "
          + iso(next), elapsed(start));
    });
  }

  private static ResultRow row(String name, String sql, Status status, String message, long ms) {
    return new ResultRow(name, null, ObjectKinds.ENVIRONMENT, name, sql, status, message, ms);
  }

  static String iso(Long epochMillis) {
    return epochMillis == null ? "none" : Instant.ofEpochMilli(epochMillis).toString();
  }

  private static long elapsed(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
