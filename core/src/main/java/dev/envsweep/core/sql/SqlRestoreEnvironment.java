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

/** {@code RESTORE ENVIRONMENT name}: undo an invalidation cleanup has not reached. Immutable. */
public final class SqlRestoreEnvironment extends SqlCall {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("RESTORE ENVIRONMENT", SqlKind.OTHER_DDL);

  private final SqlNode name;

  public SqlRestoreEnvironment(SqlParserPos pos, SqlNode name) {
    super(pos);
    this.name = Objects.requireNonNull(name, "name");
  }

  public SqlNode name() {
    return name;
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
    writer.keyword("RESTORE");
    writer.keyword("ENVIRONMENT");
    name.unparse(writer, leftPrec, rightPrec);
  }
}
