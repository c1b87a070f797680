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
 * {@code CALL sys.cancel_statement(session_id)}: stop the statement another client session is running. It has
 * only the CALL spelling (Avatica's protocol has no cancel request, and its stock client's {@code cancel()}
 * never reaches the server). Immutable.
 */
public final class SqlCancelStatement extends SqlCall implements LifecycleStatement {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("CANCEL STATEMENT", SqlKind.OTHER);

  private final SqlNode sessionId;
  private final CallSpelling call;

  public SqlCancelStatement(SqlParserPos pos, SqlNode sessionId, CallSpelling call) {
    super(pos);
    this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
    this.call = Objects.requireNonNull(call, "call");
  }

  public SqlNode sessionId() {
    return sessionId;
  }

  @Override
  public CallSpelling call() {
    return call;
  }

  @Override
  public SqlNode argument(String parameter) {
    return parameter.equals("session_id") ? sessionId : null;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(sessionId);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    call.unparse(writer, this);
  }
}
