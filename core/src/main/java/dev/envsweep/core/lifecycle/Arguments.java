package dev.envsweep.core.lifecycle;

import dev.envsweep.core.sql.CallSpelling;
import java.sql.SQLException;
import java.util.List;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A statement's values with its bound {@code ?} values, read as its spelling defines them. In a statement's own
 * syntax a name may be an identifier and a TTL an SQL interval; a {@code CALL sys.<procedure>} argument is text or
 * a boolean as the procedure's parameter says, is named {@code argument 'x' of sys.<procedure>} in errors, and
 * an optional one given NULL takes its default.
 */
public final class Arguments {
  private final CallSpelling call;
  private final List<Object> parameters;

  /** @param call how the statement was written as a CALL, or null for its own syntax */
  public Arguments(CallSpelling call, List<Object> parameters) {
    this.call = call;
    this.parameters = parameters;
  }

  /** An environment name: identifier, string literal or {@code ?}; a procedure's text argument. */
  public String name(SqlNode value, String parameter) throws SQLException {
    return call == null ? Values.name(value, parameters) : Values.string(value, parameters, call.describe(parameter));
  }

  /** A LIKE pattern: string literal or {@code ?}. */
  public String pattern(SqlNode value, String parameter) throws SQLException {
    return call == null ? Values.pattern(value, parameters)
        : Values.string(value, parameters, call.describe(parameter));
  }

  /** A text argument of a procedure. */
  public String text(SqlNode value, String parameter) throws SQLException {
    return Values.string(value, parameters, call.describe(parameter));
  }

  /** A flag: a boolean literal in the statement's syntax, a boolean (or {@code 'true'}/{@code 'false'}) in a CALL. */
  public boolean flag(SqlNode value, String parameter) throws SQLException {
    return Values.bool(value, parameters, call == null ? parameter : call.describe(parameter));
  }

  /**
   * An age or TTL, or null for an absent one: {@code '7 days'}, or in the statement's syntax also an SQL
   * interval ({@code clause} names it in errors).
   */
  public Ttl ttl(SqlNode value, String parameter, String clause) throws SQLException {
    if (value == null) {
      return null;
    }
    if (call == null) {
      return Values.ttl(value, parameters, clause);
    }
    if (call.procedure().parameter(parameter).omittable() && isNull(value)) {
      return null; // an optional procedure argument given NULL: its default, any age
    }
    return Ttl.parse(text(value, parameter));
  }

  private boolean isNull(SqlNode node) {
    if (node instanceof SqlDynamicParam p) {
      return p.getIndex() >= parameters.size() || parameters.get(p.getIndex()) == null;
    }
    return node instanceof SqlLiteral l && l.getTypeName() == SqlTypeName.NULL;
  }
}
