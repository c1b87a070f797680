package dev.envsweep.core.sql;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code INVALIDATE ENVIRONMENT name [SYNC [WARN ON FAILURE] [FORCE]]}, or
 * {@code CALL sys.invalidate_environment(name, sync, warn_on_failure, force)}. The flags are value nodes: boolean
 * literals, or {@code ?} in the CALL form, read when the statement runs. Immutable.
 */
public final class SqlInvalidateEnvironment extends SqlCall implements LifecycleStatement {
  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("INVALIDATE ENVIRONMENT", SqlKind.OTHER_DDL);

  private final SqlNode name;
  private final SqlNode sync;
  private final SqlNode warnOnFailure;
  private final SqlNode force;
  private final CallSpelling call;

  /**
   * The statement's own syntax.
   *
   * @param name an identifier, a string literal or a {@code ?} parameter
   * @param sync clean the environment up right away
   * @param warnOnFailure with {@code sync}: delete its state even when a drop fails
   * @param force with {@code sync}: SQLMesh's SQL, without the ownership guard
   */
  public SqlInvalidateEnvironment(SqlParserPos pos, SqlNode name, boolean sync, boolean warnOnFailure,
      boolean force) {
    this(pos, name, SqlLiteral.createBoolean(sync, pos), SqlLiteral.createBoolean(warnOnFailure, pos),
        SqlLiteral.createBoolean(force, pos), null);
    if ((warnOnFailure || force) && !sync) {
      throw new IllegalArgumentException("WARN ON FAILURE and FORCE apply only to SYNC");
    }
  }

  /** @param call how it was written as a CALL, or null for the statement's own syntax */
  public SqlInvalidateEnvironment(SqlParserPos pos, SqlNode name, SqlNode sync, SqlNode warnOnFailure,
      SqlNode force, CallSpelling call) {
    super(pos);
    this.name = Objects.requireNonNull(name, "name");
    this.sync = Objects.requireNonNull(sync, "sync");
    this.warnOnFailure = Objects.requireNonNull(warnOnFailure, "warnOnFailure");
    this.force = Objects.requireNonNull(force, "force");
    this.call = call;
  }

  public SqlNode name() {
    return name;
  }

  public SqlNode sync() {
    return sync;
  }

  public SqlNode warnOnFailure() {
    return warnOnFailure;
  }

  public SqlNode force() {
    return force;
  }

  @Override
  public CallSpelling call() {
    return call;
  }

  @Override
  public SqlNode argument(String parameter) {
    return switch (parameter) {
      case "name" -> name;
      case "sync" -> sync;
      case "warn_on_failure" -> warnOnFailure;
      case "force" -> force;
      default -> null;
    };
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(name, sync, warnOnFailure, force);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    if (call != null) {
      call.unparse(writer, this);
      return;
    }
    writer.keyword("INVALIDATE");
    writer.keyword("ENVIRONMENT");
    name.unparse(writer, leftPrec, rightPrec);
    if (isTrue(sync)) {
      writer.keyword("SYNC");
    }
    if (isTrue(warnOnFailure)) {
      writer.keyword("WARN ON FAILURE");
    }
    if (isTrue(force)) {
      writer.keyword("FORCE");
    }
  }

  /** In the statement's own syntax every flag is a boolean literal. */
  static boolean isTrue(SqlNode flag) {
    return flag instanceof SqlLiteral l && Boolean.TRUE.equals(l.getValue());
  }
}
