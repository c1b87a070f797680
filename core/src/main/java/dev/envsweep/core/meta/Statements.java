package dev.envsweep.core.meta;

import dev.envsweep.core.sql.LifecycleStatement;
import dev.envsweep.core.sql.SqlExplainLifecycle;
import java.util.Locale;
import org.apache.calcite.sql.SqlNode;

/** What the session needs to know of a parsed envsweep statement before running it. */
final class Statements {
  private Statements() {}

  /** Whether the statement changes state: everything but EXPLAIN (in either spelling). */
  static boolean changesState(SqlNode node) {
    return !(node instanceof SqlExplainLifecycle);
  }

  /** The statement as users name it: INVALIDATE ENVIRONMENT, CALL sys.cleanup_expired_environments, ... */
  static String name(SqlNode node) {
    if (node instanceof LifecycleStatement s && s.call() != null) {
      return "CALL " + s.call().procedure().qualifiedName();
    }
    String[] words = node.toString().strip().split("\\s+");
    return (words.length > 1 ? words[0] + " " + words[1] : words[0]).toUpperCase(Locale.ROOT);
  }
}
