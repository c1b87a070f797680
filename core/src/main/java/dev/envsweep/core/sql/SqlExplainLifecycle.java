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
 * {@code EXPLAIN <lifecycle statement>}: every statement the explained one would send, as {@code PLANNED} rows;
 * nothing is executed and nothing changes. {@code CALL sys.explain_cleanup(...)} is this node too: its explained
 * {@link SqlCleanupExpiredEnvironments} carries that CALL, and this node is written back as it. Immutable.
 */
public final class SqlExplainLifecycle extends SqlCall implements LifecycleStatement {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("EXPLAIN", SqlKind.OTHER);

  private final SqlNode explained;

  public SqlExplainLifecycle(SqlParserPos pos, SqlNode explained) {
    super(pos);
    this.explained = Objects.requireNonNull(explained, "explained");
  }

  public SqlNode explained() {
    return explained;
  }

  /** The CALL the explained statement was written as ({@code sys.explain_cleanup}), or null. */
  @Override
  public CallSpelling call() {
    return ((LifecycleStatement) explained).call();
  }

  @Override
  public SqlNode argument(String parameter) {
    return ((LifecycleStatement) explained).argument(parameter);
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(explained);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    if (call() == null) {
      writer.keyword("EXPLAIN");
    }
    explained.unparse(writer, leftPrec, rightPrec);
  }
}
