package dev.envsweep.core.sql;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code CLEANUP EXPIRED ENVIRONMENTS [WARN ON FAILURE] [FORCE]}: the janitor. Immutable. */
public final class SqlCleanupExpiredEnvironments extends SqlCall {
  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("CLEANUP EXPIRED ENVIRONMENTS", SqlKind.OTHER_DDL);

  private final boolean warnOnFailure;
  private final boolean force;

  /** @param force SQLMesh's SQL, without the ownership guard (never reaches prod or pinned environments) */
  public SqlCleanupExpiredEnvironments(SqlParserPos pos, boolean warnOnFailure, boolean force) {
    super(pos);
    this.warnOnFailure = warnOnFailure;
    this.force = force;
  }

  public boolean force() {
    return force;
  }

  public boolean warnOnFailure() {
    return warnOnFailure;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(SqlLiteral.createBoolean(warnOnFailure, pos), SqlLiteral.createBoolean(force, pos));
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("CLEANUP");
    writer.keyword("EXPIRED");
    writer.keyword("ENVIRONMENTS");
    if (warnOnFailure) {
      writer.keyword("WARN ON FAILURE");
    }
    if (force) {
      writer.keyword("FORCE");
    }
  }
}
