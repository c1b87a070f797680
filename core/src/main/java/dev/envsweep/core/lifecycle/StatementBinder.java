package dev.envsweep.core.lifecycle;

import dev.envsweep.core.SqlStates;
import dev.envsweep.core.sql.SqlAlterEnvironment;
import dev.envsweep.core.sql.SqlInvalidateEnvironments;
import dev.envsweep.core.sql.SqlRestoreEnvironment;
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
      return bind(n, parameters);
    }
    if (node instanceof SqlCallProcedure n) {
      return bind(n, parameters);
    }
    if (node instanceof SqlRestoreEnvironment n) {
      return new RestoreCommand(Values.name(n.name(), parameters));
    }
    if (node instanceof SqlAlterEnvironment n) {
      return bind(n, parameters);
    }
    if (node instanceof SqlInvalidateEnvironments n) {
      return new InvalidateMatchingCommand(Values.pattern(n.pattern(), parameters),
          n.olderThan() == null ? null : Values.ttl(n.olderThan(), parameters, "OLDER THAN"));
    }
    throw SqlStates.syntax("not an envsweep statement: " + node.getKind());
  }

  private static Command bind(SqlInvalidateEnvironment n, List<Object> parameters) throws SQLException {
    return new InvalidateCommand(Values.name(n.name(), parameters), n.sync(), n.warnOnFailure(), n.force());
  }

  private static Command bind(SqlCleanupExpiredEnvironments n) {
    return new CleanupCommand(n.warnOnFailure(), n.force());
  }

  private static Command bind(SqlExplainLifecycle n, List<Object> parameters) throws SQLException {
    return new ExplainCommand(bind(n.explained(), parameters));
  }

  private static Command bind(SqlAlterEnvironment n, List<Object> parameters) throws SQLException {
    String name = Values.name(n.name(), parameters);
    return new SetExpiryCommand(name, switch (n.change()) {
      case TTL -> new ExpiryChange.After(Values.ttl(n.value(), parameters, "TTL"));
      case NONE -> new ExpiryChange.Never();
      case AT -> new ExpiryChange.At(Values.instant(n.value(), parameters, "EXPIRES AT"));
    });
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
    if (procedure == Procedures.CLEANUP_EXPIRED_ENVIRONMENTS) {
      return new CleanupCommand((Boolean) args.get("warn_on_failure"), (Boolean) args.get("force"));
    }
    if (procedure == Procedures.EXPLAIN_CLEANUP) {
      return new ExplainCommand(new CleanupCommand((Boolean) args.get("warn_on_failure"),
          (Boolean) args.get("force")));
    }
    if (procedure == Procedures.RESTORE_ENVIRONMENT) {
      return new RestoreCommand((String) args.get("name"));
    }
    if (procedure == Procedures.SET_ENVIRONMENT_TTL) {
      String ttl = (String) args.get("ttl");
      return new SetExpiryCommand((String) args.get("name"), ttl.strip().equalsIgnoreCase("none")
          ? new ExpiryChange.Never() : new ExpiryChange.After(Ttl.parse(ttl)));
    }
    String olderThan = (String) args.get("older_than");
    return new InvalidateMatchingCommand((String) args.get("name_like"), olderThan == null ? null
        : Ttl.parse(olderThan));
  }
}
