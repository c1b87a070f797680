package dev.envsweep.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code CALL sys.<procedure>(args)}, with arguments either all positional or all named
 * ({@code name => value}). Immutable. What each procedure means is {@link Procedures}' business; this node only
 * holds what was written.
 */
public final class SqlCallProcedure extends SqlCall {
  public static final SqlOperator OPERATOR = new SqlSpecialOperator("CALL", SqlKind.PROCEDURE_CALL);

  /** One argument: its name ({@code null} when positional) and its value (a literal or {@code ?}). */
  public record Argument(String name, SqlNode value, SqlParserPos pos) {}

  private final SqlIdentifier procedure;
  private final List<Argument> arguments;

  public SqlCallProcedure(SqlParserPos pos, SqlIdentifier procedure, List<Argument> arguments) {
    super(pos);
    this.procedure = Objects.requireNonNull(procedure, "procedure");
    this.arguments = List.copyOf(arguments);
  }

  public SqlIdentifier procedure() {
    return procedure;
  }

  public List<Argument> arguments() {
    return arguments;
  }

  public boolean named() {
    return !arguments.isEmpty() && arguments.get(0).name() != null;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    List<SqlNode> operands = new ArrayList<>();
    operands.add(procedure);
    arguments.forEach(a -> operands.add(a.value()));
    return operands;
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("CALL");
    procedure.unparse(writer, 0, 0);
    SqlWriter.Frame frame = writer.startList("(", ")");
    for (Argument a : arguments) {
      writer.sep(",");
      if (a.name() != null) {
        writer.identifier(a.name(), false);
        writer.keyword("=>");
      }
      a.value().unparse(writer, 0, 0);
    }
    writer.endList(frame);
  }
}
