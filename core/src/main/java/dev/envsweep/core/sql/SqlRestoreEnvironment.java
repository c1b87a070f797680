package dev.envsweep.core.sql;

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
 * {@code RESTORE ENVIRONMENT name}, or {@code CALL sys.restore_environment(name)}: undo an invalidation cleanup
 * has not reached. Immutable.
 */
public final class SqlRestoreEnvironment extends SqlCall implements LifecycleStatement {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("RESTORE ENVIRONMENT", SqlKind.OTHER_DDL);

  private final SqlNode name;
  private final CallSpelling call;

  public SqlRestoreEnvironment(SqlParserPos pos, SqlNode name) {
    this(pos, name, null);
  }

  /** @param call how it was written as a CALL, or null for the statement's own syntax */
  public SqlRestoreEnvironment(SqlParserPos pos, SqlNode name, CallSpelling call) {
    super(pos);
    this.name = Objects.requireNonNull(name, "name");
    this.call = call;
  }

  public SqlNode name() {
    return name;
  }

  @Override
  public CallSpelling call() {
    return call;
  }

  @Override
  public SqlNode argument(String parameter) {
    return parameter.equals("name") ? name : null;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(name);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    if (call != null) {
      call.unparse(writer, this);
      return;
    }
    writer.keyword("RESTORE");
    writer.keyword("ENVIRONMENT");
    name.unparse(writer, leftPrec, rightPrec);
  }
}
