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
 * {@code CLEANUP EXPIRED ENVIRONMENTS [WARN ON FAILURE] [FORCE]}: the janitor; or
 * {@code CALL sys.cleanup_expired_environments(warn_on_failure, force)}. The flags are value nodes (boolean
 * literals, or {@code ?} in the CALL form). Under {@code CALL sys.explain_cleanup(...)} it is the explained
 * statement and carries that CALL. Immutable.
 */
public final class SqlCleanupExpiredEnvironments extends SqlCall implements LifecycleStatement {
  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("CLEANUP EXPIRED ENVIRONMENTS", SqlKind.OTHER_DDL);

  private final SqlNode warnOnFailure;
  private final SqlNode force;
  private final CallSpelling call;

  /** @param force SQLMesh's SQL, without the ownership guard (never reaches prod or pinned environments) */
  public SqlCleanupExpiredEnvironments(SqlParserPos pos, boolean warnOnFailure, boolean force) {
    this(pos, SqlLiteral.createBoolean(warnOnFailure, pos), SqlLiteral.createBoolean(force, pos), null);
  }

  /** @param call how it was written as a CALL, or null for the statement's own syntax */
  public SqlCleanupExpiredEnvironments(SqlParserPos pos, SqlNode warnOnFailure, SqlNode force, CallSpelling call) {
    super(pos);
    this.warnOnFailure = Objects.requireNonNull(warnOnFailure, "warnOnFailure");
    this.force = Objects.requireNonNull(force, "force");
    this.call = call;
  }

  public SqlNode force() {
    return force;
  }

  public SqlNode warnOnFailure() {
    return warnOnFailure;
  }

  @Override
  public CallSpelling call() {
    return call;
  }

  @Override
  public SqlNode argument(String parameter) {
    return switch (parameter) {
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
    return List.of(warnOnFailure, force);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    if (call != null) {
      call.unparse(writer, this);
      return;
    }
    writer.keyword("CLEANUP");
    writer.keyword("EXPIRED");
    writer.keyword("ENVIRONMENTS");
    if (SqlInvalidateEnvironment.isTrue(warnOnFailure)) {
      writer.keyword("WARN ON FAILURE");
    }
    if (SqlInvalidateEnvironment.isTrue(force)) {
      writer.keyword("FORCE");
    }
  }
}
