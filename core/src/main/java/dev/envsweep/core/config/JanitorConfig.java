package dev.envsweep.core.config;

/**
 * How cleanup behaves when a statement does not say.
 *
 * @param warnOnFailure delete an environment's state even when some of its drops failed (SQLMesh's
 *     {@code warn_on_delete_failure})
 * @param pageSize how many expired environments are read from the state store at a time
 */
public record JanitorConfig(boolean warnOnFailure, int pageSize) {

  public static final JanitorConfig DEFAULT = new JanitorConfig(false, 100);

  public JanitorConfig {
    if (pageSize < 1) {
      throw new IllegalArgumentException("janitor.page_size must be at least 1, got " + pageSize);
    }
  }
}
