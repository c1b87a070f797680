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
 * {@code ALTER ENVIRONMENT name SET TTL '...' | SET EXPIRATION NONE | SET EXPIRES AT TIMESTAMP '...'}: change
 * one environment's expiry. {@code CALL sys.set_environment_ttl(name, ttl)} is a TTL change whose text may also
 * be {@code 'none'} (no expiry). Immutable.
 */
public final class SqlAlterEnvironment extends SqlCall implements LifecycleStatement {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("ALTER ENVIRONMENT", SqlKind.OTHER_DDL);

  /** What is set. */
  public enum Change {
    /** Expire this long from now: {@code 'in 2 weeks'} (SQLMesh's form) or an SQL interval. */
    TTL,
    /** Never expire. */
    NONE,
    /** Expire at this moment (UTC). */
    AT
  }

  private final SqlNode name;
  private final Change change;
  private final SqlNode value;
  private final CallSpelling call;

  public SqlAlterEnvironment(SqlParserPos pos, SqlNode name, Change change, SqlNode value) {
    this(pos, name, change, value, null);
  }

  /** @param call how it was written as a CALL, or null for the statement's own syntax */
  public SqlAlterEnvironment(SqlParserPos pos, SqlNode name, Change change, SqlNode value, CallSpelling call) {
    super(pos);
    this.call = call;
    this.name = Objects.requireNonNull(name, "name");
    this.change = Objects.requireNonNull(change, "change");
    if ((value == null) != (change == Change.NONE)) {
      throw new IllegalArgumentException(change + " takes " + (change == Change.NONE ? "no value" : "a value"));
    }
    this.value = value;
  }

  public SqlNode name() {
    return name;
  }

  public Change change() {
    return change;
  }

  public SqlNode value() {
    return value;
  }

  @Override
  public CallSpelling call() {
    return call;
  }

  @Override
  public SqlNode argument(String parameter) {
    return switch (parameter) {
      case "name" -> name;
      case "ttl" -> change == Change.TTL ? value : null;
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
    operands.add(name);
    if (value != null) {
      operands.add(value);
    }
    return operands;
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    if (call != null) {
      call.unparse(writer, this);
      return;
    }
    writer.keyword("ALTER");
    writer.keyword("ENVIRONMENT");
    name.unparse(writer, leftPrec, rightPrec);
    writer.keyword("SET");
    switch (change) {
      case TTL -> writer.keyword("TTL");
      case NONE -> writer.keyword("EXPIRATION NONE");
      case AT -> writer.keyword("EXPIRES AT");
    }
    if (value != null) {
      value.unparse(writer, leftPrec, rightPrec);
    }
  }
}
