package dev.envsweep.core.model;

/** What happened to one object or environment: the {@code status} column of every result row. */
public enum Status {
  /** The environment's expiry was set to now. */
  INVALIDATED,
  /** The statement succeeded. */
  DROPPED,
  /** The engine reported the object absent, or the catalogue check found it absent. */
  SKIPPED,
  /** The statement failed, or the guard refused it. */
  FAILED,
  /** Something was deliberately left behind: a catalog the engine cannot drop, a protected environment. */
  WARNING,
  /** The environment's state rows were deleted. */
  DELETED,
  /** An invalidation was undone. */
  RESTORED,
  /** An environment's expiry was changed by ALTER ENVIRONMENT. */
  UPDATED,
  /** A running statement was stopped ({@code CALL sys.cancel_statement}). */
  CANCELLED,
  /** EXPLAIN: the statement would be sent. */
  PLANNED
}
