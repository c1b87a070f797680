package dev.envsweep.core.lifecycle;

import dev.envsweep.core.SqlStates;
import dev.envsweep.core.sql.SqlAlterEnvironment;
import dev.envsweep.core.sql.SqlCleanupExpiredEnvironments;
import dev.envsweep.core.sql.SqlExplainLifecycle;
import dev.envsweep.core.sql.SqlInvalidateEnvironment;
import dev.envsweep.core.sql.SqlInvalidateEnvironments;
import dev.envsweep.core.sql.SqlRestoreEnvironment;
import java.sql.SQLException;
import java.util.List;
import org.apache.calcite.sql.SqlNode;

/**
 * Runs envsweep's statements: one {@code execute} per statement node, whether it was written in its own syntax
 * or as a {@code CALL sys.<procedure>} (the parser makes both the same node). Each reads the node's values with
 * the bound {@code ?} values and hands them to {@link Lifecycle}; rows come back as {@link ResultPages}.
 */
public final class StatementExecutor {
  private final Lifecycle lifecycle;

  public StatementExecutor(Lifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  /**
   * Runs one parsed envsweep statement with its bound {@code ?} values (in order). {@code progress} hears of each
   * environment a cleanup finishes; throwing from it stops the cleanup after that environment (see
   * {@link CleanupProgress}).
   */
  public ResultPages execute(SqlNode statement, List<Object> parameters, CleanupProgress progress)
      throws SQLException {
    if (statement instanceof SqlInvalidateEnvironment n) {
      return execute(n, parameters, progress);
    }
    if (statement instanceof SqlCleanupExpiredEnvironments n) {
      return execute(n, parameters, progress);
    }
    if (statement instanceof SqlExplainLifecycle n) {
      return execute(n, parameters);
    }
    if (statement instanceof SqlRestoreEnvironment n) {
      return execute(n, parameters);
    }
    if (statement instanceof SqlAlterEnvironment n) {
      return execute(n, parameters);
    }
    if (statement instanceof SqlInvalidateEnvironments n) {
      return execute(n, parameters);
    }
    throw SqlStates.syntax("not an envsweep statement: " + statement.getKind());
  }

  /** {@code INVALIDATE ENVIRONMENT} and {@code CALL sys.invalidate_environment}. */
  public ResultPages execute(SqlInvalidateEnvironment node, List<Object> parameters, CleanupProgress progress)
      throws SQLException {
    Invalidation i = Invalidation.of(node, parameters);
    return lifecycle.invalidate(i.name(), i.sync(), i.warnOnFailure(), i.force(), progress);
  }

  /** {@code CLEANUP EXPIRED ENVIRONMENTS} and {@code CALL sys.cleanup_expired_environments}. */
  public ResultPages execute(SqlCleanupExpiredEnvironments node, List<Object> parameters,
      CleanupProgress progress) throws SQLException {
    Arguments args = new Arguments(node.call(), parameters);
    boolean warnOnFailure = args.flag(node.warnOnFailure(), "warn_on_failure");
    boolean force = args.flag(node.force(), "force");
    return lifecycle.streamCleanup(warnOnFailure, force, progress);
  }

  /**
   * {@code EXPLAIN CLEANUP ...}, {@code EXPLAIN INVALIDATE ...} and {@code CALL sys.explain_cleanup}: the
   * explained statement's values are read (and checked) as for a run, then nothing runs.
   */
  public ResultPages execute(SqlExplainLifecycle node, List<Object> parameters) throws SQLException {
    SqlNode explained = node.explained();
    if (explained instanceof SqlCleanupExpiredEnvironments n) {
      Arguments args = new Arguments(n.call(), parameters);
      args.flag(n.warnOnFailure(), "warn_on_failure");
      return lifecycle.explainCleanup(args.flag(n.force(), "force"));
    }
    if (explained instanceof SqlInvalidateEnvironment n) {
      Invalidation i = Invalidation.of(n, parameters);
      return lifecycle.explainInvalidate(i.name(), i.sync(), i.force());
    }
    if (explained instanceof SqlInvalidateEnvironments n) {
      Arguments args = new Arguments(n.call(), parameters);
      String pattern = args.pattern(n.pattern(), "name_like");
      return lifecycle.explainInvalidateMatching(pattern, args.ttl(n.olderThan(), "older_than", "OLDER THAN"));
    }
    throw new SQLException("EXPLAIN does not apply to this statement", "42601");
  }

  /** {@code RESTORE ENVIRONMENT} and {@code CALL sys.restore_environment}. */
  public ResultPages execute(SqlRestoreEnvironment node, List<Object> parameters) throws SQLException {
    return lifecycle.restore(new Arguments(node.call(), parameters).name(node.name(), "name"));
  }

  /**
   * {@code ALTER ENVIRONMENT ... SET} and {@code CALL sys.set_environment_ttl}, whose TTL text {@code 'none'}
   * means no expiry.
   */
  public ResultPages execute(SqlAlterEnvironment node, List<Object> parameters) throws SQLException {
    Arguments args = new Arguments(node.call(), parameters);
    String name = args.name(node.name(), "name");
    if (node.call() != null) {
      String ttl = args.text(node.value(), "ttl");
      return lifecycle.setExpiry(name, ttl.strip().equalsIgnoreCase("none")
          ? new ExpiryChange.Never() : new ExpiryChange.After(Ttl.parse(ttl)));
    }
    return lifecycle.setExpiry(name, switch (node.change()) {
      case TTL -> new ExpiryChange.After(Values.ttl(node.value(), parameters, "TTL"));
      case NONE -> new ExpiryChange.Never();
      case AT -> new ExpiryChange.At(Values.instant(node.value(), parameters, "EXPIRES AT"));
    });
  }

  /** {@code INVALIDATE ENVIRONMENTS LIKE} and {@code CALL sys.invalidate_environments}. */
  public ResultPages execute(SqlInvalidateEnvironments node, List<Object> parameters) throws SQLException {
    Arguments args = new Arguments(node.call(), parameters);
    String pattern = args.pattern(node.pattern(), "name_like");
    return lifecycle.invalidateMatching(pattern, args.ttl(node.olderThan(), "older_than", "OLDER THAN"));
  }

  /** An invalidation's values, read in the procedure's parameter order. */
  private record Invalidation(String name, boolean sync, boolean warnOnFailure, boolean force) {
    static Invalidation of(SqlInvalidateEnvironment node, List<Object> parameters) throws SQLException {
      Arguments args = new Arguments(node.call(), parameters);
      String name = args.name(node.name(), "name");
      boolean sync = args.flag(node.sync(), "sync");
      boolean warnOnFailure = args.flag(node.warnOnFailure(), "warn_on_failure");
      boolean force = args.flag(node.force(), "force");
      if ((warnOnFailure || force) && !sync) {
        throw SqlStates.invalidArgument("warn_on_failure and force apply only with sync => true");
      }
      return new Invalidation(name, sync, warnOnFailure, force);
    }
  }
}
