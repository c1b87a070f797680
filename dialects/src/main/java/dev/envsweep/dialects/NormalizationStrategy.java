package dev.envsweep.dialects;

import java.util.Locale;

/**
 * How an engine folds the case of identifiers, as SQLGlot models it (reference 4.3). SQLMesh normalises
 * environment suffixes, the {@code default} schema and catalog names with the strategy of the engine that runs
 * the drop, so envsweep must fold exactly the same way.
 */
public enum NormalizationStrategy {
  /** Unquoted identifiers are folded to lower case; quoted ones are kept. */
  LOWERCASE,
  /** Unquoted identifiers are folded to upper case; quoted ones are kept. */
  UPPERCASE,
  /** Nothing is folded. */
  CASE_SENSITIVE,
  /** Everything is folded to lower case, quoted or not. */
  CASE_INSENSITIVE;

  /**
   * Folds one identifier.
   *
   * @param identifier the identifier, without quotes
   * @param quoted whether it was written quoted
   */
  public String apply(String identifier, boolean quoted) {
    return switch (this) {
      case LOWERCASE -> quoted ? identifier : identifier.toLowerCase(Locale.ROOT);
      case UPPERCASE -> quoted ? identifier : identifier.toUpperCase(Locale.ROOT);
      case CASE_SENSITIVE -> identifier;
      case CASE_INSENSITIVE -> identifier.toLowerCase(Locale.ROOT);
    };
  }

  /** Whether two stored names denote the same object under this strategy. */
  public boolean same(String a, String b) {
    return this == CASE_INSENSITIVE ? a.equalsIgnoreCase(b) : a.equals(b);
  }
}
