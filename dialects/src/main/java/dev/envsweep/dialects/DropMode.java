package dev.envsweep.dialects;

/**
 * How a drop is rendered. {@link #GUARDED} is envsweep's default: contents are listed and checked before a
 * schema or catalog is dropped, and views never cascade. {@link #FORCE} reproduces SQLMesh's SQL exactly.
 */
public enum DropMode {
  GUARDED,
  FORCE
}
