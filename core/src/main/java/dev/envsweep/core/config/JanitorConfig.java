package dev.envsweep.core.config;

/**
 * How cleanup behaves when a statement does not say.
 *
 * @param warnOnFailure delete an environment's state even when some of its drops failed (SQLMesh's
 *     {@code warn_on_delete_failure})
 * @param pageSize how many expired environments are read from the state store at a time
 * @param force drop with SQLMesh's SQL, without the ownership guard (never reaches prod or pinned environments)
 * @param statementTimeoutSeconds longest a drop or listing may run on a gateway before it fails; 0 = no limit
 * @param scheduleSeconds how often {@code serve} runs a background cleanup round; 0 = never (the default)
 */
public record JanitorConfig(boolean warnOnFailure, int pageSize, boolean force, int statementTimeoutSeconds,
    int scheduleSeconds) {

  public static final JanitorConfig DEFAULT = new JanitorConfig(false, 100, false, 0, 0);

  public JanitorConfig {
    if (pageSize < 1) {
      throw new IllegalArgumentException("janitor.page_size must be at least 1, got " + pageSize);
    }
    if (scheduleSeconds < 0) {
      throw new IllegalArgumentException("janitor.schedule must not be negative, got " + scheduleSeconds);
    }
    if (statementTimeoutSeconds < 0) {
      throw new IllegalArgumentException("janitor.statement_timeout must not be negative, got "
          + statementTimeoutSeconds);
    }
  }

  public JanitorConfig(boolean warnOnFailure, int pageSize) {
    this(warnOnFailure, pageSize, false, 0, 0);
  }

  public JanitorConfig(boolean warnOnFailure, int pageSize, boolean force, int statementTimeoutSeconds) {
    this(warnOnFailure, pageSize, force, statementTimeoutSeconds, 0);
  }
}
