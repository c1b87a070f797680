package dev.envsweep.core.lifecycle;

import dev.envsweep.core.SqlStates;
import dev.envsweep.core.sql.Procedures;
import java.sql.SQLException;
import java.util.List;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.NlsString;

/**
 * Reads the value a statement gives in one place when it runs: a literal, a bound {@code ?}, or (for names only)
 * an identifier. A value of the wrong type is 22023 naming what was expected and where.
 */
public final class Values {
  private Values() {}

  /** A LIKE pattern: string literal or {@code ?}. */
  public static String pattern(SqlNode node, List<Object> parameterValues) throws SQLException {
    return string(node, parameterValues, "LIKE pattern");
  }

  /** An environment name: identifier, string literal or {@code ?}. */
  public static String name(SqlNode node, List<Object> parameterValues) throws SQLException {
    if (node instanceof SqlIdentifier id && id.isSimple()) {
      return id.getSimple();
    }
    return string(node, parameterValues, "environment name");
  }

  /** A TTL or an age: {@code 'in 2 weeks'} / {@code '7 days'}, an SQL interval, or either bound to {@code ?}. */
  public static Ttl ttl(SqlNode node, List<Object> parameterValues, String what)
      throws SQLException {
    if (node instanceof org.apache.calcite.sql.SqlIntervalLiteral interval) {
      org.apache.calcite.sql.SqlIntervalLiteral.IntervalValue v =
          interval.getValueAs(org.apache.calcite.sql.SqlIntervalLiteral.IntervalValue.class);
      boolean yearMonth = v.getIntervalQualifier().isYearMonth();
      long amount = yearMonth ? org.apache.calcite.sql.parser.SqlParserUtil.intervalToMonths(v)
          : org.apache.calcite.sql.parser.SqlParserUtil.intervalToMillis(v);
      if (amount <= 0) {
        throw SqlStates.invalidArgument(what + " must be positive, got " + node + " "
            + Procedures.at(node.getParserPosition()));
      }
      return Ttl.ofInterval(yearMonth ? amount : 0, yearMonth ? 0 : amount,
          node.toString());
    }
    return Ttl.parse(string(node, parameterValues, what));
  }

  /**
   * A moment in UTC: {@code TIMESTAMP '2026-12-01 00:00:00'}, a string in that form or ISO-8601 (with or
   * without an offset), or a bound timestamp.
   */
  public static long instant(SqlNode node, List<Object> parameterValues, String what) throws SQLException {
    if (node instanceof SqlLiteral literal && literal.getTypeName() == SqlTypeName.TIMESTAMP) {
      return literal.getValueAs(org.apache.calcite.util.TimestampString.class).getMillisSinceEpoch();
    }
    // The parser leaves TIMESTAMP '...' unresolved (SqlUnknownLiteral) until validation, which
    // envsweep statements never go through; its text is parsed below like a plain string.
    String text;
    if (node instanceof org.apache.calcite.sql.SqlUnknownLiteral unknown
        && unknown.tag.toUpperCase(java.util.Locale.ROOT).startsWith("TIMESTAMP")) {
      text = unknown.getValue().strip();
      return parseInstant(text, node, what);
    }
    Object v = node instanceof SqlDynamicParam ? value(node, parameterValues, what) : null;
    if (v instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
    }
    if (v instanceof java.time.temporal.TemporalAccessor) {
      return java.time.Instant.from((java.time.temporal.TemporalAccessor) v).toEpochMilli();
    }
    text = string(node, parameterValues, what).strip();
    return parseInstant(text, node, what);
  }

  /** An offset timestamp, a local one taken as UTC, or a date alone (its midnight UTC). */
  private static long parseInstant(String text, SqlNode node, String what) throws SQLException {
    try {
      return java.time.OffsetDateTime.parse(text.replace(' ', 'T')).toInstant().toEpochMilli();
    } catch (java.time.format.DateTimeParseException notOffset) {
      // try the next form
    }
    try {
      return java.time.LocalDateTime.parse(text.replace(' ', 'T')).toInstant(java.time.ZoneOffset.UTC)
          .toEpochMilli();
    } catch (java.time.format.DateTimeParseException notLocal) {
      // try the next form
    }
    try {
      return java.time.LocalDate.parse(text).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
    } catch (java.time.format.DateTimeParseException notDate) {
      throw SqlStates.invalidArgument(what + " must be a timestamp such as '2026-12-01 00:00:00' (UTC), "
          + "'2026-12-01T00:00:00+01:00' or '2026-12-01', got '" + SqlStates.shown(text) + "' "
          + Procedures.at(node.getParserPosition()));
    }
  }

  public static String string(SqlNode node, List<Object> parameterValues, String what) throws SQLException {
    Object v = value(node, parameterValues, what);
    if (v instanceof String s) {
      return s;
    }
    throw SqlStates.invalidArgument(what + " must be a string, got " + describe(node, v) + " "
        + Procedures.at(node.getParserPosition()));
  }

  public static boolean bool(SqlNode node, List<Object> parameterValues, String what) throws SQLException {
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
