package dev.envsweep.core.sql;

import dev.envsweep.core.SqlStates;
import java.sql.SQLException;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * The {@code sys} procedures: each is another spelling of a statement, for scripts and tools that only speak
 * {@code CALL}. Arguments are positional or named ({@code name => value}), never mixed (as in Trino and
 * Iceberg), and every parameter but the first has a default.
 */
public final class Procedures {
  private Procedures() {}

  /** SQL types a procedure parameter can have. */
  public enum Type {
    VARCHAR(Types.VARCHAR, String.class),
    BOOLEAN(Types.BOOLEAN, Boolean.class);

    public final int jdbcType;
    public final Class<?> javaClass;

    Type(int jdbcType, Class<?> javaClass) {
      this.jdbcType = jdbcType;
      this.javaClass = javaClass;
    }
  }

  /** One parameter; {@code defaultValue == null} means the argument is required, unless it may be omitted. */
  public record Parameter(String name, Type type, Object defaultValue, boolean omittable) {
    public Parameter(String name, Type type, Object defaultValue) {
      this(name, type, defaultValue, false);
    }

    /** An optional parameter whose absence is NULL. */
    static Parameter optional(String name, Type type) {
      return new Parameter(name, type, null, true);
    }

    public boolean required() {
      return defaultValue == null && !omittable;
    }
  }

  /** @param remarks what it does, in one line, for {@code DatabaseMetaData.getProcedures} */
  public record Procedure(String name, String remarks, List<Parameter> parameters) {
    public String qualifiedName() {
      return "sys." + name;
    }

    /** The parameter of that name (lower case). */
    public Parameter parameter(String name) {
      return parameters.stream().filter(p -> p.name().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException(qualifiedName() + " has no parameter " + name));
    }

    public String signature() {
      return qualifiedName() + "(" + parameters.stream()
          .map(p -> p.name() + " " + p.type() + (p.required() ? "" : " DEFAULT "
              + (p.defaultValue() == null ? "NULL" : String.valueOf(p.defaultValue()).toUpperCase(Locale.ROOT))))
          .collect(Collectors.joining(", ")) + ")";
    }
  }

  public static final Procedure INVALIDATE_ENVIRONMENT = new Procedure("invalidate_environment",
      "INVALIDATE ENVIRONMENT name [SYNC] [WARN ON FAILURE] [FORCE]: marks an environment expired", List.of(
      new Parameter("name", Type.VARCHAR, null),
      new Parameter("sync", Type.BOOLEAN, false),
      new Parameter("warn_on_failure", Type.BOOLEAN, false),
      new Parameter("force", Type.BOOLEAN, false)));

  public static final Procedure CLEANUP_EXPIRED_ENVIRONMENTS = new Procedure("cleanup_expired_environments",
      "CLEANUP EXPIRED ENVIRONMENTS: drops the objects and state of every expired environment",
      List.of(new Parameter("warn_on_failure", Type.BOOLEAN, false), new Parameter("force", Type.BOOLEAN, false)));

  public static final Procedure EXPLAIN_CLEANUP = new Procedure("explain_cleanup",
      "EXPLAIN CLEANUP EXPIRED ENVIRONMENTS: what a cleanup would run now, changing nothing",
      List.of(new Parameter("warn_on_failure", Type.BOOLEAN, false), new Parameter("force", Type.BOOLEAN, false)));

  public static final Procedure RESTORE_ENVIRONMENT = new Procedure("restore_environment",
      "RESTORE ENVIRONMENT name: undoes an invalidation that cleanup has not reached",
      List.of(new Parameter("name", Type.VARCHAR, null)));

  /** {@code ttl}: {@code 'in 2 weeks'}, or {@code 'none'} for no expiry. */
  public static final Procedure SET_ENVIRONMENT_TTL = new Procedure("set_environment_ttl",
      "ALTER ENVIRONMENT name SET TTL: a new expiry such as 'in 2 weeks', or 'none'",
      List.of(new Parameter("name", Type.VARCHAR, null), new Parameter("ttl", Type.VARCHAR, null)));

  /** {@code name_like}, a LIKE pattern (PATTERN is reserved in Calcite SQL); {@code older_than}: an age such as
   * {@code '7 days'}, NULL for any age. */
  public static final Procedure INVALIDATE_ENVIRONMENTS = new Procedure("invalidate_environments",
      "INVALIDATE ENVIRONMENTS LIKE pattern [OLDER THAN age]: bulk invalidation",
      List.of(new Parameter("name_like", Type.VARCHAR, null), Parameter.optional("older_than", Type.VARCHAR)));

  /** {@code session_id}: as {@code sys.sessions} lists it. */
  public static final Procedure CANCEL_STATEMENT = new Procedure("cancel_statement",
      "Stops the statement another session is running (57014 for its client), as pg_cancel_backend does",
      List.of(new Parameter("session_id", Type.VARCHAR, null)));

  private static final List<Procedure> ALL = List.of(INVALIDATE_ENVIRONMENT, CLEANUP_EXPIRED_ENVIRONMENTS,
      EXPLAIN_CLEANUP, RESTORE_ENVIRONMENT, SET_ENVIRONMENT_TTL, INVALIDATE_ENVIRONMENTS, CANCEL_STATEMENT);

  private static final Map<String, Procedure> BY_NAME = ALL.stream()
      .collect(java.util.stream.Collectors.toMap(Procedure::name, p -> p));

  public static List<Procedure> all() {
    return ALL;
  }

  /** One argument of a CALL as written: its name ({@code null} when positional) and its value node. */
  public record Argument(String name, SqlNode value, SqlParserPos pos) {}

  /** The procedure a CALL names, or 42883 listing the known ones. */
  public static Procedure of(SqlIdentifier procedure) throws SQLException {
    List<String> names = procedure.names;
    Procedure p = names.size() == 2 && names.get(0).equalsIgnoreCase("sys")
        ? BY_NAME.get(names.get(1).toLowerCase(Locale.ROOT)) : null;
    if (p == null) {
      throw new SQLException("procedure " + procedure + " does not exist "
          + at(procedure.getParserPosition())
          + "; envsweep's procedures are: " + all().stream().map(Procedure::signature)
              .collect(Collectors.joining(", ")), SqlStates.UNDEFINED_FUNCTION);
    }
    return p;
  }

  /**
   * Checks a CALL's shape without values and gives each parameter its argument: no mixing, known and distinct
   * argument names, no missing required argument, not too many. Done at parse time, so a prepared CALL fails at
   * prepare. A parameter without an argument is absent from the map.
   */
  static Map<String, Argument> assign(Procedure p, List<Argument> args, SqlParserPos callPos)
      throws SQLException {
    Map<String, Argument> assigned = new LinkedHashMap<>();
    boolean named = !args.isEmpty() && args.get(0).name() != null;
    for (int i = 0; i < args.size(); i++) {
      Argument a = args.get(i);
      if ((a.name() != null) != named) {
        throw SqlStates.syntax("cannot mix positional and named arguments in CALL " + p.qualifiedName() + " "
            + at(a.pos()) + "; pass all of them by position or all as name => value");
      }
      Parameter param;
      if (named) {
        String wanted = a.name().toLowerCase(Locale.ROOT);
        param = p.parameters().stream().filter(x -> x.name().equals(wanted)).findFirst()
            .orElseThrow(() -> SqlStates.invalidArgument(p.qualifiedName() + " has no parameter named '"
                + a.name() + "' " + at(a.pos()) + "; its parameters are " + p.signature()));
      } else {
        if (i >= p.parameters().size()) {
          throw SqlStates.invalidArgument("too many arguments for " + p.signature() + " " + at(a.pos()));
        }
        param = p.parameters().get(i);
      }
      if (assigned.put(param.name(), a) != null) {
        throw SqlStates.invalidArgument("argument '" + param.name() + "' of " + p.qualifiedName()
            + " given twice " + at(a.pos()));
      }
    }
    for (Parameter param : p.parameters()) {
      if (param.required() && !assigned.containsKey(param.name())) {
        throw SqlStates.invalidArgument("missing argument '" + param.name() + "' for " + p.signature() + " "
            + at(callPos));
      }
    }
    return assigned;
  }

  /** "at line L, column C", as every argument error says where. */
  public static String at(SqlParserPos pos) {
    return "at line " + pos.getLineNum() + ", column " + pos.getColumnNum();
  }
}
