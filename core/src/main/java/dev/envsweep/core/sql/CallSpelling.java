package dev.envsweep.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;

/**
 * How a statement was written as {@code CALL sys.<procedure>(args)}: the procedure, its name as written, and the
 * arguments in the order written, each with the parameter it was given to. The values themselves live in the
 * statement node; this only says how to write them back and how to name them in errors. Immutable.
 */
public final class CallSpelling {

  /**
   * One argument as written.
   *
   * @param name its name as written ({@code SYNC => ...}), or null when positional
   * @param parameter the procedure parameter it was given to
   */
  public record Argument(String name, String parameter, org.apache.calcite.sql.parser.SqlParserPos pos) {}

  private final Procedures.Procedure procedure;
  private final SqlIdentifier written;
  private final List<Argument> arguments;

  public CallSpelling(Procedures.Procedure procedure, SqlIdentifier written, List<Argument> arguments) {
    this.procedure = Objects.requireNonNull(procedure, "procedure");
    this.written = Objects.requireNonNull(written, "written");
    this.arguments = List.copyOf(arguments);
  }

  public Procedures.Procedure procedure() {
    return procedure;
  }

  public List<Argument> arguments() {
    return arguments;
  }

  /** How errors name a parameter's value: {@code argument 'sync' of sys.invalidate_environment}. */
  public String describe(String parameter) {
    return "argument '" + parameter + "' of " + procedure.qualifiedName();
  }

  /** The type of each {@code ?} among the arguments, in the order written. */
  List<Procedures.Type> parameterTypes(LifecycleStatement statement) {
    List<Procedures.Type> types = new ArrayList<>();
    for (Argument a : arguments) {
      if (statement.argument(a.parameter()) instanceof SqlDynamicParam) {
        types.add(procedure.parameter(a.parameter()).type());
      }
    }
    return types;
  }

  /** Writes the CALL back as it was written, each argument's value taken from {@code statement}. */
  void unparse(SqlWriter writer, LifecycleStatement statement) {
    writer.keyword("CALL");
    written.unparse(writer, 0, 0);
    SqlWriter.Frame frame = writer.startList("(", ")");
    for (Argument a : arguments) {
      writer.sep(",");
      if (a.name() != null) {
        writer.identifier(a.name(), false);
        writer.keyword("=>");
      }
      statement.argument(a.parameter()).unparse(writer, 0, 0);
    }
    writer.endList(frame);
  }
}
