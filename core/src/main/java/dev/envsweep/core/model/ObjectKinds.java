package dev.envsweep.core.model;

/** Values of the {@code object_kind} result column besides the dialect's VIEW, SCHEMA and CATALOG. */
public final class ObjectKinds {
  private ObjectKinds() {}

  /** A row about the environment's state row itself. */
  public static final String ENVIRONMENT = "ENVIRONMENT";
}
