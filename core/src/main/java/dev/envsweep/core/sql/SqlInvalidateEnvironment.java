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

/** {@code INVALIDATE ENVIRONMENT name [SYNC [WARN ON FAILURE] [FORCE]]}. Immutable. */
public final class SqlInvalidateEnvironment extends SqlCall {
  public static final SqlOperator OPERATOR =
      new SqlSpecialOperator("INVALIDATE ENVIRONMENT", SqlKind.OTHER_DDL);

  private final SqlNode name;
  private final boolean sync;
  private final boolean warnOnFailure;
  private final boolean force;

  /**
   * @param name an identifier, a string literal or a {@code ?} parameter
   * @param sync clean the environment up right away
   * @param warnOnFailure with {@code sync}: delete its state even when a drop fails
   * @param force with {@code sync}: SQLMesh's SQL, without the ownership guard
   */
  public SqlInvalidateEnvironment(SqlParserPos pos, SqlNode name, boolean sync, boolean warnOnFailure,
      boolean force) {
    super(pos);
    this.name = Objects.requireNonNull(name, "name");
    if ((warnOnFailure || force) && !sync) {
      throw new IllegalArgumentException("WARN ON FAILURE and FORCE apply only to SYNC");
    }
    this.sync = sync;
    this.warnOnFailure = warnOnFailure;
    this.force = force;
  }

  public boolean force() {
    return force;
  }

  public SqlNode name() {
    return name;
  }

  public boolean sync() {
    return sync;
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
    return List.of(name, SqlLiteral.createBoolean(sync, pos), SqlLiteral.createBoolean(warnOnFailure, pos),
        SqlLiteral.createBoolean(force, pos));
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("INVALIDATE");
    writer.keyword("ENVIRONMENT");
    name.unparse(writer, leftPrec, rightPrec);
    if (sync) {
      writer.keyword("SYNC");
    }
    if (warnOnFailure) {
      writer.keyword("WARN ON FAILURE");
    }
    if (force) {
      writer.keyword("FORCE");
    }
  }
}
