package dev.envsweep.core.sql;

import org.apache.calcite.sql.SqlNode;

/**
 * An envsweep statement node. It was written either in its own syntax ({@code INVALIDATE ENVIRONMENT dev SYNC})
 * or as one of the {@code sys} procedures ({@code CALL sys.invalidate_environment(name => 'dev', sync => true)});
 * both parse to the same node, which remembers which, so that it unparses as written and its values are read
 * and reported as the spelling defines them.
 */
public interface LifecycleStatement {

  /** How the statement was written as a CALL; null when it was written in its own syntax. */
  CallSpelling call();

  /**
   * The value node this statement gives a procedure parameter ({@code "name"}, {@code "sync"}, ...): a literal,
   * an identifier or a {@code ?}; null when it has none.
   */
  SqlNode argument(String parameter);
}
