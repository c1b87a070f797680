package dev.envsweep.core.model;

import java.util.Locale;

/** Where an environment's suffix goes (SQLMesh's {@code EnvironmentSuffixTarget}, stored lower case). */
public enum SuffixTarget {
  SCHEMA,
  TABLE,
  CATALOG;

  /** The stored value; SQLMesh refuses anything but the three lower-case words, and so does envsweep. */
  public static SuffixTarget parse(String stored) {
    if (stored != null) {
      for (SuffixTarget t : values()) {
        if (t.stored().equals(stored)) {
          return t;
        }
      }
    }
    throw new IllegalArgumentException("suffix_target " + (stored == null ? "NULL" : "'" + stored + "'")
        + " is not one of schema, table, catalog");
  }

  public String stored() {
    return name().toLowerCase(Locale.ROOT);
  }
}
