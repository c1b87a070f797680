package dev.envsweep.core.sql;

import dev.envsweep.core.SqlStates;
import dev.envsweep.core.sql.impl.EnvsweepSqlParserImpl;
import java.io.StringReader;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * Parses one statement the {@link Prefilter} routed to envsweep, with the extended Calcite grammar. Names keep
 * their case (unquoted identifiers are not folded, and compared case-insensitively); a trailing semicolon is allowed; a syntax error is an SQLException with
 * SQLSTATE 42601 and Calcite's line, column and "Was expecting" text.
 */
public final class EnvsweepParser {
  private EnvsweepParser() {}

  /** The parser configuration shared by envsweep statements and system-table queries. */
  public static final SqlParser.Config CONFIG = SqlParser.config()
      .withParserFactory(EnvsweepSqlParserImpl.FACTORY)
      .withQuoting(Quoting.DOUBLE_QUOTE)
      .withUnquotedCasing(Casing.UNCHANGED)
      .withQuotedCasing(Casing.UNCHANGED)
      .withCaseSensitive(false)
      .withConformance(SqlConformanceEnum.DEFAULT);

  /** Parses a lifecycle statement or a system-table query, whichever the prefilter says it is. */
  public static SqlNode parse(String sql) throws SQLException {
    return Prefilter.route(sql) == Prefilter.Route.LIFECYCLE ? parseLifecycle(sql) : parseQuery(sql);
  }

  /**
   * INVALIDATE, CLEANUP, EXPLAIN of those, RESTORE, ALTER ENVIRONMENT, or CALL sys.*: a CALL parses to the node
   * of the statement it spells ({@code CALL sys.invalidate_environment(...)} to a {@link SqlInvalidateEnvironment}),
   * its arguments checked against the procedure's parameters here.
   */
  public static SqlNode parseLifecycle(String sql) throws SQLException {
    EnvsweepSqlParserImpl parser = newParser(sql);
    SqlNode node;
    try {
      node = parser.LifecycleStatementEof();
    } catch (Throwable e) {
      throw syntaxError(parser.normalizeException(e));
    }
    if (node.getKind() == SqlKind.PROCEDURE_CALL && node instanceof SqlBasicCall call) {
      return toStatement(call);
    }
    return node;
  }

  /** A query over system tables: an ordinary Calcite query. */
  public static SqlNode parseQuery(String sql) throws SQLException {
    SqlNodeList statements;
    try {
      statements = SqlParser.create(sql, CONFIG).parseStmtList();
    } catch (SqlParseException e) {
      throw syntaxError(e);
    }
    if (statements.size() != 1) {
      throw SqlStates.syntax(statements.isEmpty() ? "empty statement"
          : "one statement at a time, found " + statements.size() + " separated by ';'");
    }
    return statements.get(0);
  }

  /** Configured exactly as {@link SqlParser} configures the parsers it creates. */
  private static EnvsweepSqlParserImpl newParser(String sql) {
    EnvsweepSqlParserImpl parser = (EnvsweepSqlParserImpl) EnvsweepSqlParserImpl.FACTORY
        .getParser(new StringReader(sql));
    parser.setTabSize(1);
    parser.setQuotedCasing(CONFIG.quotedCasing());
    parser.setUnquotedCasing(CONFIG.unquotedCasing());
    parser.setIdentifierMaxLength(CONFIG.identifierMaxLength());
    parser.setConformance(CONFIG.conformance());
    parser.switchTo(SqlAbstractParserImpl.LexicalState.forConfig(CONFIG));
    return parser;
  }

  private static SQLException syntaxError(SqlParseException e) {
    String message = shorten(e.getMessage());
    if (!message.contains(" line ") && e.getPos() != null) {
      message = message + " at line " + e.getPos().getLineNum() + ", column " + e.getPos().getColumnNum();
    }
    return SqlStates.syntax(message);
  }

  /**
   * Calcite's messages quote the offending token whole (a 10,000-character name is cut down to its start) and
   * may list hundreds of expected tokens (the first fifteen are kept).
   */
  private static String shorten(String message) {
    String[] lines = message.split("\n", -1);
    int expecting = -1;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith("Was expecting")) {
        expecting = i;
        break;
      }
    }
    if (expecting >= 0 && lines.length - expecting - 1 > 16) {
      int more = lines.length - expecting - 1 - 15;
      message = String.join("\n", java.util.Arrays.copyOfRange(lines, 0, expecting + 16)) + "\n    ... and "
          + more + " more";
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("[^\\s]{200,}").matcher(message);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String run = m.group();
      m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(run.substring(0, 100) + "...("
          + run.length() + " characters)"));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /**
   * Calcite's CALL node, as the statement node it spells: each parameter's argument (or its default) becomes the
   * node's value, and the CALL as written is kept for unparsing and for naming its arguments in errors.
   */
  private static SqlNode toStatement(SqlBasicCall call) throws SQLException {
    SqlCall routine = (SqlCall) call.operand(0);
    SqlIdentifier name = routine.getOperator() instanceof SqlFunction f && f.getSqlIdentifier() != null
        ? f.getSqlIdentifier() : routine.getOperator().getNameAsId();
    List<Procedures.Argument> args = new ArrayList<>();
    for (SqlNode operand : routine.getOperandList()) {
      if (operand.getKind() == SqlKind.ARGUMENT_ASSIGNMENT) {
        SqlCall assignment = (SqlCall) operand;
        SqlIdentifier argName = assignment.operand(1);
        args.add(new Procedures.Argument(argName.getSimple(), assignment.operand(0), operand.getParserPosition()));
      } else {
        args.add(new Procedures.Argument(null, operand, operand.getParserPosition()));
      }
    }
    for (Procedures.Argument a : args) {
      if (!isValue(a.value())) {
        throw SqlStates.invalidArgument("procedure arguments must be literals or ?, got " + a.value() + " "
            + Procedures.at(a.pos()));
      }
    }
    SqlParserPos pos = call.getParserPosition();
    Procedures.Procedure procedure = Procedures.of(name);
    Map<String, Procedures.Argument> assigned = Procedures.assign(procedure, args, pos);
    List<CallSpelling.Argument> written = new ArrayList<>();
    for (Procedures.Argument a : args) {
      String parameter = assigned.entrySet().stream().filter(e -> e.getValue() == a).findFirst().orElseThrow()
          .getKey();
      written.add(new CallSpelling.Argument(a.name(), parameter, a.pos()));
    }
    CallSpelling spelling = new CallSpelling(procedure, name, written);
    java.util.function.Function<String, SqlNode> value = parameter -> {
      Procedures.Argument a = assigned.get(parameter);
      if (a != null) {
        return a.value();
      }
      Object byDefault = procedure.parameter(parameter).defaultValue();
      return byDefault instanceof Boolean b ? SqlLiteral.createBoolean(b, pos) : null;
    };
    if (procedure == Procedures.INVALIDATE_ENVIRONMENT) {
      return new SqlInvalidateEnvironment(pos, value.apply("name"), value.apply("sync"),
          value.apply("warn_on_failure"), value.apply("force"), spelling);
    }
    if (procedure == Procedures.CLEANUP_EXPIRED_ENVIRONMENTS) {
      return new SqlCleanupExpiredEnvironments(pos, value.apply("warn_on_failure"), value.apply("force"), spelling);
    }
    if (procedure == Procedures.EXPLAIN_CLEANUP) {
      return new SqlExplainLifecycle(pos, new SqlCleanupExpiredEnvironments(pos, value.apply("warn_on_failure"),
          value.apply("force"), spelling));
    }
    if (procedure == Procedures.RESTORE_ENVIRONMENT) {
      return new SqlRestoreEnvironment(pos, value.apply("name"), spelling);
    }
    if (procedure == Procedures.SET_ENVIRONMENT_TTL) {
      return new SqlAlterEnvironment(pos, value.apply("name"), SqlAlterEnvironment.Change.TTL, value.apply("ttl"),
          spelling);
    }
    if (procedure == Procedures.CANCEL_STATEMENT) {
      return new SqlCancelStatement(pos, value.apply("session_id"), spelling);
    }
    return new SqlInvalidateEnvironments(pos, value.apply("name_like"), value.apply("older_than"), spelling);
  }

  private static boolean isValue(SqlNode node) {
    return node.getKind() == SqlKind.LITERAL || node instanceof SqlDynamicParam
        || node.getKind() == SqlKind.IDENTIFIER;
  }

  /**
   * The type of each {@code ?} of a lifecycle statement, in order (for ParameterMetaData): in a CALL, the type of
   * the parameter it is given to; elsewhere VARCHAR.
   */
  public static List<Procedures.Type> parameterTypes(SqlNode node) throws SQLException {
    if (node instanceof LifecycleStatement statement && statement.call() != null) {
      return statement.call().parameterTypes(statement);
    }
    List<Procedures.Type> types = new ArrayList<>();
    for (int i = 0; i < countParameters(node); i++) {
      types.add(Procedures.Type.VARCHAR); // names, patterns, TTLs and timestamps are all given as text
    }
    return types;
  }

  /** How many {@code ?} a parsed statement has. */
  public static int countParameters(SqlNode node) {
    int[] max = {0};
    node.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlDynamicParam param) {
        max[0] = Math.max(max[0], param.getIndex() + 1);
        return null;
      }
    });
    return max[0];
  }
}
