package dev.envsweep.core.meta;

import dev.envsweep.core.sql.Procedures;
import dev.envsweep.core.sql.SqlCallProcedure;
import dev.envsweep.core.sql.SqlExplainLifecycle;
import java.util.Locale;
import org.apache.calcite.sql.SqlNode;

/** What the session needs to know of a parsed envsweep statement before running it. */
final class Statements {
  private Statements() {}

  /** Whether the statement changes state: everything but EXPLAIN (in either spelling). */
  static boolean changesState(SqlNode node) {
    if (node instanceof SqlExplainLifecycle) {
      return false;
    }
    return !(node instanceof SqlCallProcedure call
        && call.procedure().names.get(call.procedure().names.size() - 1).equalsIgnoreCase(
            Procedures.EXPLAIN_CLEANUP.name()));
  }

  /** The statement's verb as users write it: INVALIDATE ENVIRONMENT, CALL sys.cleanup_expired_environments, ... */
  static String name(SqlNode node) {
    if (node instanceof SqlCallProcedure call) {
      return "CALL " + call.procedure();
    }
    String text = node.toString().strip();
    String[] words = text.split("\\s+");
    return (words.length > 1 ? words[0] + " " + words[1] : words[0]).toUpperCase(Locale.ROOT);
  }
}
