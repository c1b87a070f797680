package dev.envsweep.dialects;

/** The kinds of virtual-layer object environment cleanup removes. Physical tables are never among them. */
public enum ObjectKind {
  VIEW,
  SCHEMA,
  CATALOG
}
