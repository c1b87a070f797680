package dev.envsweep.core.jdbc;

import dev.envsweep.core.SqlStates;
import dev.envsweep.core.lifecycle.CleanupCommand;
import dev.envsweep.core.lifecycle.Command;
import dev.envsweep.core.lifecycle.ExplainCleanupCommand;
import dev.envsweep.core.lifecycle.InvalidateCommand;
import dev.envsweep.core.sql.Procedures;
import dev.envsweep.core.sql.SqlCallProcedure;
import dev.envsweep.core.sql.SqlCleanupExpiredEnvironments;
import dev.envsweep.core.sql.SqlExplainLifecycle;
import dev.envsweep.core.sql.SqlInvalidateEnvironment;
import dev.envsweep.core.sql.Values;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlNode;

/**
 * Turns a parsed statement and its bound {@code ?} values into the {@link Command} that runs it: one
 * {@code bind} method per statement, as Calcite's DDL executor has one {@code execute} per DDL node.
 */
final class StatementBinder {
  private StatementBinder() {}

  static Command bind(SqlNode node, List<Object> parameters) throws SQLException {
    if (node instanceof SqlInvalidateEnvironment n) {
      return bind(n, parameters);
    }
    if (node instanceof SqlCleanupExpiredEnvironments n) {
      return bind(n);
    }
    if (node instanceof SqlExplainLifecycle n) {
      return bind(n);
    }
    if (node instanceof SqlCallProcedure n) {
      return bind(n, parameters);
    }
    throw SqlStates.syntax("not an envsweep statement: " + node.getKind());
  }

  private static Command bind(SqlInvalidateEnvironment n, List<Object> parameters) throws SQLException {
    return new InvalidateCommand(Values.name(n.name(), parameters), n.sync(), n.warnOnFailure(), n.force());
  }

  private static Command bind(SqlCleanupExpiredEnvironments n) {
    return new CleanupCommand(n.warnOnFailure(), n.force());
  }

  private static Command bind(SqlExplainLifecycle n) throws SQLException {
    if (n.explained() instanceof SqlCleanupExpiredEnvironments cleanup) {
      return new ExplainCleanupCommand(cleanup.force());
    }
    throw SqlStates.syntax("EXPLAIN of " + n.explained().getKind() + " is not supported");
  }

  private static Command bind(SqlCallProcedure n, List<Object> parameters) throws SQLException {
    Procedures.Procedure procedure = Procedures.of(n);
    Map<String, Object> args = Procedures.bind(n, parameters);
    if (procedure == Procedures.INVALIDATE_ENVIRONMENT) {
      boolean sync = (Boolean) args.get("sync");
      boolean warn = (Boolean) args.get("warn_on_failure");
      boolean force = (Boolean) args.get("force");
      if ((warn || force) && !sync) {
        throw SqlStates.invalidArgument("warn_on_failure and force apply only with sync => true");
      }
      return new InvalidateCommand((String) args.get("name"), sync, warn, force);
    }
    return new CleanupCommand((Boolean) args.get("warn_on_failure"), (Boolean) args.get("force"));
  }
}
