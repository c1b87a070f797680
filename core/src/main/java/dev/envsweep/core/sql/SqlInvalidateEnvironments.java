package dev.envsweep.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code INVALIDATE ENVIRONMENTS LIKE 'pr_%' [OLDER THAN INTERVAL '7' DAY]}, or
 * {@code CALL sys.invalidate_environments(name_like, older_than)}: bulk invalidation by name pattern and age
 * (never prod, never pinned). Immutable.
 */
public final class SqlInvalidateEnvironments extends SqlCall implements LifecycleStatement {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("INVALIDATE ENVIRONMENTS", SqlKind.OTHER_DDL);

  private final SqlNode pattern;
  private final SqlNode olderThan;
  private final CallSpelling call;

  /**
   * @param pattern a LIKE pattern (string literal or {@code ?})
   * @param olderThan an interval or a {@code '7 days'} string, or null for any age
   */
  public SqlInvalidateEnvironments(SqlParserPos pos, SqlNode pattern, SqlNode olderThan) {
    this(pos, pattern, olderThan, null);
  }

  /** @param call how it was written as a CALL, or null for the statement's own syntax */
  public SqlInvalidateEnvironments(SqlParserPos pos, SqlNode pattern, SqlNode olderThan, CallSpelling call) {
    super(pos);
    this.call = call;
    this.pattern = Objects.requireNonNull(pattern, "pattern");
    this.olderThan = olderThan;
  }

  public SqlNode pattern() {
    return pattern;
  }

  public SqlNode olderThan() {
    return olderThan;
  }

  @Override
  public CallSpelling call() {
    return call;
  }

  @Override
  public SqlNode argument(String parameter) {
    return switch (parameter) {
      case "name_like" -> pattern;
      case "older_than" -> olderThan;
      default -> null;
    };
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    List<SqlNode> operands = new ArrayList<>();
    operands.add(pattern);
    if (olderThan != null) {
      operands.add(olderThan);
    }
    return operands;
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    if (call != null) {
      call.unparse(writer, this);
      return;
    }
    writer.keyword("INVALIDATE");
    writer.keyword("ENVIRONMENTS");
    writer.keyword("LIKE");
    pattern.unparse(writer, leftPrec, rightPrec);
    if (olderThan != null) {
      writer.keyword("OLDER THAN");
      olderThan.unparse(writer, leftPrec, rightPrec);
    }
  }
}
