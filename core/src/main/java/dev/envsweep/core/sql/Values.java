package dev.envsweep.core.sql;

import dev.envsweep.core.SqlStates;
import java.sql.SQLException;
import java.util.List;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.NlsString;

/**
 * Reads the value a statement gives in one place: a literal, a bound {@code ?}, or (for names only) an
 * identifier. A value of the wrong type is 22023 naming what was expected and where.
 */
public final class Values {
  private Values() {}

  /** An environment name: identifier, string literal or {@code ?}. */
  public static String name(SqlNode node, List<Object> parameterValues) throws SQLException {
    if (node instanceof SqlIdentifier id && id.isSimple()) {
      return id.getSimple();
    }
    return string(node, parameterValues, "environment name");
  }

  static String string(SqlNode node, List<Object> parameterValues, String what) throws SQLException {
    Object v = value(node, parameterValues, what);
    if (v instanceof String s) {
      return s;
    }
    throw SqlStates.invalidArgument(what + " must be a string, got " + describe(node, v) + " "
        + Procedures.at(node.getParserPosition()));
  }

  static boolean bool(SqlNode node, List<Object> parameterValues, String what) throws SQLException {
    Object v = value(node, parameterValues, what);
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(s);
    }
    throw SqlStates.invalidArgument(what + " must be a boolean, got " + describe(node, v) + " "
        + Procedures.at(node.getParserPosition()));
  }

  private static Object value(SqlNode node, List<Object> parameterValues, String what) throws SQLException {
    if (node instanceof SqlDynamicParam p) {
      int index = p.getIndex();
      if (index >= parameterValues.size() || parameterValues.get(index) == null) {
        throw SqlStates.invalidArgument("no value bound for parameter " + (index + 1) + " (" + what + ")");
      }
      return parameterValues.get(index);
    }
    if (node instanceof SqlLiteral literal) {
      if (literal.getTypeName() == SqlTypeName.NULL) {
        throw SqlStates.invalidArgument(what + " must not be NULL " + Procedures.at(node.getParserPosition()));
      }
      if (literal.getTypeName() == SqlTypeName.CHAR) {
        return literal.getValueAs(NlsString.class).getValue();
      }
      if (literal.getTypeName() == SqlTypeName.BOOLEAN) {
        return literal.booleanValue();
      }
      return literal;
    }
    return node;
  }

  private static String describe(SqlNode node, Object value) {
    if (node instanceof SqlDynamicParam) {
      return value.getClass().getSimpleName() + " " + value;
    }
    return node.toString();
  }
}
