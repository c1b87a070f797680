package dev.envsweep.core.meta;

import dev.envsweep.core.LikePattern;
import dev.envsweep.core.meta.JdbcResults.Kind;
import dev.envsweep.core.sql.Procedures;
import dev.envsweep.core.sql.Procedures.Parameter;
import dev.envsweep.core.sql.Procedures.Procedure;
import dev.envsweep.dialects.Dialect;
import dev.envsweep.dialects.NormalizationStrategy;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.lang.reflect.Modifier;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.calcite.avatica.AvaticaUtils;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta.DatabaseProperty;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.util.DateTimeUtils;

/**
 * {@code DatabaseMetaData} answers: the default gateway's, introduced as envsweep's, with envsweep's own objects
 * added, so that a JDBC tool's navigator (DBeaver's) lists the {@code sys} schema, its tables (type
 * {@code SYSTEM TABLE}) and columns, and the {@code sys} procedures next to the warehouse's. {@code sys} has no
 * catalog (TABLE_CAT is NULL): it is listed when the catalog asked for is null (any), empty (none) or the
 * current one. Table types are the names clients ask for ({@code TABLE}, not DuckDB's {@code BASE TABLE}). A
 * call the gateway's driver does not support answers with no rows, laid out as JDBC specifies, except
 * {@code getTypeInfo}, which then lists the standard types envsweep's results use.
 */
final class Metadata {
  private static final String SYS = "sys";
  private static final String SYSTEM_TABLE = "SYSTEM TABLE";
  /** envsweep's words, added to the gateway's {@code getSQLKeywords}. */
  static final String KEYWORDS = "CLEANUP,ENVIRONMENT,ENVIRONMENTS,EXPIRATION,EXPIRED,EXPIRES,FORCE,INVALIDATE,"
      + "RESTORE,SYNC,TTL,WARN";

  private final Dialect dialect;

  Metadata(Dialect dialect) {
    this.dialect = dialect;
  }

  /** One call on the gateway's metadata. */
  interface Call {
    ResultSet on(DatabaseMetaData metaData) throws SQLException;
  }

  /** A metadata call with name patterns, given how to spell each name. */
  interface NamedCall {
    ResultSet on(DatabaseMetaData metaData, UnaryOperator<String> name) throws SQLException;
  }

  /**
   * The gateway's answer to a call with name patterns. Avatica's client tells every tool that identifiers are
   * stored in upper case (a default of the client that no server can change), so tools such as sqlline upper-case
   * the names users type: on an engine that folds unquoted names to lower case (PostgreSQL) or ignores case
   * (DuckDB), a call that finds nothing is asked again with such all-upper-case names in lower case.
   */
  Result gatewayNamed(Session session, NamedCall call, Class<?> layout) throws SQLException {
    return readNamed(session, call, layout).result();
  }

  private Rows readNamed(Session session, NamedCall call, Class<?> layout) throws SQLException {
    Rows rows = read(session, md -> call.on(md, UnaryOperator.identity()), layout);
    NormalizationStrategy folding = dialect.normalizationStrategy();
    if (rows.rows.isEmpty() && (folding == NormalizationStrategy.LOWERCASE
        || folding == NormalizationStrategy.CASE_INSENSITIVE)) {
      boolean[] folded = {false};
      Rows again = read(session, md -> call.on(md, name -> {
        String lower = upperCased(name) ? name.toLowerCase(Locale.ROOT) : name;
        folded[0] |= lower != name;
        return lower;
      }), layout);
      if (folded[0]) {
        return again;
      }
    }
    return rows;
  }

  /** Whether a name has letters, all of them upper case (as a tool that believed Avatica's default typed it). */
  private static boolean upperCased(String name) {
    return name != null && name.chars().anyMatch(Character::isUpperCase) && name.chars().noneMatch(
        Character::isLowerCase);
  }

  /** A name pattern as the {@code sys} schema spells its names: in lower case. */
  private static String sysName(String pattern) {
    return pattern == null ? null : pattern.toLowerCase(Locale.ROOT);
  }

  /**
   * The gateway's answer in JDBC's layout of it (the columns and types the JDBC specification gives, which
   * Avatica's {@code layout} class describes; drivers differ, e.g. PostgreSQL's DATA_TYPE is a SMALLINT); an
   * unsupported call has no rows.
   */
  Result gateway(Session session, Call call, Class<?> layout) throws SQLException {
    return read(session, call, layout).result();
  }

  Result tables(Session session, String catalog, String schemaPattern, String tablePattern, List<String> types)
      throws SQLException {
    Rows rows = readNamed(session, (md, name) -> md.getTables(catalog, name.apply(schemaPattern),
        name.apply(tablePattern), null), MetaImpl.MetaTable.class);
    rows.rows.forEach(r -> rows.set(r, "TABLE_TYPE", dialect.driver().standardTableType((String) rows.get(r, "TABLE_TYPE"))));
    if (types != null) {
      Set<String> wanted = new java.util.HashSet<>(types);
      rows.rows.removeIf(r -> !wanted.contains((String) rows.get(r, "TABLE_TYPE")));
    }
    if (sysSchema(session, catalog, schemaPattern) && (types == null || types.contains(SYSTEM_TABLE))) {
      List<Object[]> sys = new ArrayList<>();
      List<String> names = new ArrayList<>();
      try (ResultSet rs = session.calcite().getMetaData().getTables(null, SYS, sysName(tablePattern), null)) {
        while (rs.next()) {
          names.add(rs.getString("TABLE_NAME"));
        }
      }
      names.sort(null);
      for (String name : names) {
        sys.add(rows.row(Map.of("TABLE_SCHEM", SYS, "TABLE_NAME", name, "TABLE_TYPE", SYSTEM_TABLE, "REMARKS",
            "envsweep system table")));
      }
      rows.rows.addAll(0, sys);
    }
    return rows.result();
  }

  Result columns(Session session, String catalog, String schemaPattern, String tablePattern,
      String columnPattern) throws SQLException {
    Rows rows = readNamed(session, (md, name) -> md.getColumns(catalog, name.apply(schemaPattern),
        name.apply(tablePattern), name.apply(columnPattern)), MetaImpl.MetaColumn.class);
    if (sysSchema(session, catalog, schemaPattern)) {
      List<Object[]> sys = new ArrayList<>();
      try (ResultSet rs = session.calcite().getMetaData().getColumns(null, SYS, sysName(tablePattern),
          sysName(columnPattern))) {
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
          Map<String, Object> row = new HashMap<>();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            row.put(md.getColumnLabel(i), rs.getObject(i));
          }
          // Calcite describes a column's type with its constraint ("VARCHAR NOT NULL") and an unbounded
          // VARCHAR's size as -1; JDBC's TYPE_NAME is the type alone, and text has no length limit.
          String typeName = String.valueOf(row.get("TYPE_NAME")).replace(" NOT NULL", "");
          row.put("TYPE_NAME", typeName.replaceAll("\\(\\d+\\)$", ""));
          Object size = row.get("COLUMN_SIZE");
          if (size instanceof Number n && n.intValue() < 0) {
            row.put("COLUMN_SIZE", ((Number) row.get("DATA_TYPE")).intValue() == Types.VARCHAR ? Integer.MAX_VALUE
                : null);
          }
          row.put("TABLE_CAT", null);
          sys.add(rows.row(row));
        }
      }
      rows.rows.addAll(0, sys);
    }
    return rows.result();
  }

  Result schemas(Session session, String catalog, String schemaPattern) throws SQLException {
    Rows rows = readNamed(session, (md, name) -> md.getSchemas(catalog, name.apply(schemaPattern)),
        MetaImpl.MetaSchema.class);
    if (sysSchema(session, catalog, schemaPattern)) {
      rows.rows.add(0, rows.row(Map.of("TABLE_SCHEM", SYS)));
    }
    return rows.result();
  }

  Result tableTypes(Session session) throws SQLException {
    Rows rows = read(session, DatabaseMetaData::getTableTypes, MetaImpl.MetaTableType.class);
    Set<String> types = new LinkedHashSet<>();
    types.add(SYSTEM_TABLE);
    for (Object[] r : rows.rows) {
      types.add(dialect.driver().standardTableType((String) rows.get(r, "TABLE_TYPE")));
    }
    List<String> sorted = new ArrayList<>(types);
    sorted.sort(null);
    rows.rows.clear();
    sorted.forEach(t -> rows.rows.add(rows.row(Map.of("TABLE_TYPE", t))));
    return rows.result();
  }

  /** Only envsweep's procedures: CALL runs nothing else. */
  Result procedures(Session session, String catalog, String schemaPattern, String namePattern)
      throws SQLException {
    Rows rows = new Rows(layout(MetaImpl.MetaProcedure.class));
    for (Procedure p : sysProcedures(session, catalog, schemaPattern, namePattern)) {
      rows.rows.add(rows.row(Map.of("PROCEDURE_SCHEM", SYS, "PROCEDURE_NAME", p.name(), "REMARKS", p.remarks(),
          "PROCEDURE_TYPE", (short) DatabaseMetaData.procedureReturnsResult, "SPECIFIC_NAME", p.name())));
    }
    return rows.result();
  }

  Result procedureColumns(Session session, String catalog, String schemaPattern, String namePattern,
      String columnPattern) throws SQLException {
    Rows rows = new Rows(layout(MetaImpl.MetaProcedureColumn.class));
    for (Procedure p : sysProcedures(session, catalog, schemaPattern, namePattern)) {
      int position = 0;
      for (Parameter parameter : p.parameters()) {
        position++;
        if (!matches(columnPattern, parameter.name())) {
          continue;
        }
        Map<String, Object> row = new HashMap<>();
        row.put("PROCEDURE_SCHEM", SYS);
        row.put("PROCEDURE_NAME", p.name());
        row.put("COLUMN_NAME", parameter.name());
        row.put("COLUMN_TYPE", (short) DatabaseMetaData.procedureColumnIn);
        row.put("DATA_TYPE", parameter.type().jdbcType);
        row.put("TYPE_NAME", parameter.type().name());
        row.put("PRECISION", parameter.type() == Procedures.Type.BOOLEAN ? 1 : Integer.MAX_VALUE);
        row.put("RADIX", (short) 10);
        row.put("NULLABLE", (short) (parameter.omittable() ? DatabaseMetaData.procedureNullable
            : DatabaseMetaData.procedureNoNulls));
        row.put("COLUMN_DEF", parameter.defaultValue() == null ? null : String.valueOf(parameter.defaultValue()));
        row.put("ORDINAL_POSITION", position);
        row.put("IS_NULLABLE", parameter.omittable() ? "YES" : "NO");
        row.put("SPECIFIC_NAME", p.name());
        rows.rows.add(rows.row(row));
      }
    }
    return rows.result();
  }

  /** The gateway's types, or, when its driver cannot list them, the standard types envsweep's results use. */
  Result typeInfo(Session session) throws SQLException {
    try {
      Rows gateway = readOrFail(session, DatabaseMetaData::getTypeInfo, MetaImpl.MetaTypeInfo.class);
      return gateway.result();
    } catch (SQLFeatureNotSupportedException e) {
      Rows rows = new Rows(layout(MetaImpl.MetaTypeInfo.class));
      for (Kind kind : List.of(Kind.BOOLEAN, Kind.TINYINT, Kind.SMALLINT, Kind.INTEGER, Kind.BIGINT, Kind.REAL,
          Kind.DOUBLE, Kind.DECIMAL, Kind.VARCHAR, Kind.BINARY, Kind.DATE, Kind.TIME, Kind.TIMESTAMP, Kind.ZONED)) {
        String name = switch (kind) {
          case BINARY -> "BLOB";
          case ZONED -> "TIMESTAMP WITH TIME ZONE";
          default -> kind.name();
        };
        boolean text = kind == Kind.VARCHAR;
        boolean quoted = text || kind == Kind.DATE || kind == Kind.TIME || kind == Kind.TIMESTAMP
            || kind == Kind.ZONED;
        boolean numeric = kind.javaClass.getSuperclass() == Number.class
            || kind.javaClass == java.math.BigDecimal.class;
        Map<String, Object> row = new HashMap<>();
        row.put("TYPE_NAME", name);
        row.put("DATA_TYPE", kind.jdbcType);
        row.put("PRECISION", text || kind == Kind.BINARY ? Integer.MAX_VALUE : kind.defaultPrecision);
        row.put("LITERAL_PREFIX", quoted ? (text ? "'" : kind == Kind.ZONED ? "TIMESTAMPTZ '" : name + " '") : null);
        row.put("LITERAL_SUFFIX", quoted ? "'" : null);
        row.put("NULLABLE", (short) DatabaseMetaData.typeNullable);
        row.put("CASE_SENSITIVE", text);
        row.put("SEARCHABLE", (short) DatabaseMetaData.typeSearchable);
        row.put("UNSIGNED_ATTRIBUTE", false);
        row.put("FIXED_PREC_SCALE", false);
        row.put("AUTO_INCREMENT", false);
        row.put("LOCAL_TYPE_NAME", name);
        row.put("MINIMUM_SCALE", (short) 0);
        row.put("MAXIMUM_SCALE", (short) (kind == Kind.DECIMAL ? 38 : 0));
        row.put("NUM_PREC_RADIX", numeric ? 10 : null);
        rows.rows.add(rows.row(row));
      }
      return rows.result();
    } catch (SQLException e) {
      throw session.gatewayError(e);
    }
  }

  /**
   * The gateway's database properties (product name and version, quoting, keywords, ...), with envsweep's words
   * among the keywords. A property the driver cannot tell keeps Avatica's default.
   */
  Map<DatabaseProperty, Object> properties(Session session) {
    Map<DatabaseProperty, Object> map = new HashMap<>();
    DatabaseMetaData md;
    try {
      md = session.gateway().getMetaData();
    } catch (SQLException e) {
      md = null;
    }
    for (DatabaseProperty p : DatabaseProperty.values()) {
      Object value = p.defaultValue;
      if (p.isJdbc && md != null) {
        try {
          value = p.method.invoke(md);
        } catch (ReflectiveOperationException | RuntimeException e) {
          // the driver cannot tell: Avatica's default stands
        }
      }
      map.put(p, value);
    }
    String keywords = (String) map.get(DatabaseProperty.GET_S_Q_L_KEYWORDS);
    map.put(DatabaseProperty.GET_S_Q_L_KEYWORDS, keywords == null || keywords.isEmpty() ? KEYWORDS
        : keywords + "," + KEYWORDS);
    return map;
  }

  private List<Procedure> sysProcedures(Session session, String catalog, String schemaPattern, String namePattern)
      throws SQLException {
    if (!sysSchema(session, catalog, schemaPattern)) {
      return List.of();
    }
    return Procedures.all().stream().filter(p -> matches(sysName(namePattern), p.name())).toList();
  }

  /**
   * Whether a request for {@code catalog} covers {@code sys}: any (null), none (empty), or the connection's
   * current catalog, which is what tools such as sqlline's {@code !tables} pass.
   */
  private static boolean sysSchema(Session session, String catalog, String schemaPattern) throws SQLException {
    return (catalog == null || catalog.isEmpty() || catalog.equals(currentCatalog(session)))
        && matches(sysName(schemaPattern), SYS);
  }

  private static String currentCatalog(Session session) {
    try {
      return session.gateway().getCatalog();
    } catch (SQLException e) {
      return null;
    }
  }

  /** Whether {@code value} matches a JDBC search pattern (SQL LIKE syntax); a null pattern matches everything. */
  private static boolean matches(String pattern, String value) {
    return pattern == null || LikePattern.of(pattern).matches(value);
  }

  /** The gateway's answer in {@code layout}; none when its driver does not support the call. */
  private Rows read(Session session, Call call, Class<?> layout) throws SQLException {
    try {
      return readOrFail(session, call, layout);
    } catch (SQLFeatureNotSupportedException e) {
      return new Rows(layout(layout));
    }
  }

  private Rows readOrFail(Session session, Call call, Class<?> layout) throws SQLException {
    try (ResultSet rs = call.on(session.gateway().getMetaData())) {
      Rows rows = new Rows(layout(layout));
      ResultSetMetaData md = rs.getMetaData();
      JdbcResults.Kind[] kinds = JdbcResults.kinds(md);
      Calendar utc = DateTimeUtils.calendar();
      while (rs.next()) {
        Map<String, Object> byLabel = new HashMap<>();
        for (int i = 1; i <= kinds.length; i++) {
          byLabel.put(md.getColumnLabel(i), JdbcResults.value(rs, i, kinds[i - 1], utc));
        }
        rows.rows.add(rows.row(byLabel));
      }
      return rows;
    } catch (SQLFeatureNotSupportedException e) {
      throw e;
    } catch (SQLException e) {
      throw session.gatewayError(e);
    }
  }

  /** JDBC's layout of a metadata answer, from the class Avatica describes its rows with. */
  static List<ColumnMetaData> layout(Class<?> rowClass) {
    List<ColumnMetaData> columns = new ArrayList<>();
    for (Field f : rowClass.getFields()) {
      if (Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      Class<?> t = f.getType();
      Kind kind = t == int.class || t == Integer.class ? Kind.INTEGER : t == short.class || t == Short.class
          ? Kind.SMALLINT : t == long.class || t == Long.class ? Kind.BIGINT : t == boolean.class
          || t == Boolean.class ? Kind.BOOLEAN : Kind.VARCHAR;
      String label = AvaticaUtils.camelToUpper(f.getName());
      // Avatica spells one of JDBC's column names with a single R.
      label = label.equals("DEFERABILITY") ? "DEFERRABILITY" : label;
      columns.add(JdbcResults.column(columns.size(), label, kind, 32, !t.isPrimitive()));
    }
    return columns;
  }

  /** A metadata answer assembled in memory (one row per table or column: small), addressed by column label. */
  private static final class Rows {
    final List<ColumnMetaData> columns;
    final Map<String, Integer> index = new HashMap<>();
    final List<Object[]> rows = new ArrayList<>();

    Rows(List<ColumnMetaData> columns) {
      this.columns = columns;
      for (ColumnMetaData c : columns) {
        index.putIfAbsent(c.label.toUpperCase(Locale.ROOT), c.ordinal);
      }
    }

    /** A row given by column label; columns it does not name are NULL, values are made the column's type. */
    Object[] row(Map<String, ?> byLabel) {
      Object[] row = new Object[columns.size()];
      byLabel.forEach((label, value) -> {
        Integer i = index.get(label.toUpperCase(Locale.ROOT));
        if (i != null) {
          row[i] = coerce(value, columns.get(i));
        }
      });
      return row;
    }

    Object get(Object[] row, String label) {
      Integer i = index.get(label);
      return i == null ? null : row[i];
    }

    void set(Object[] row, String label, Object value) {
      Integer i = index.get(label);
      if (i != null) {
        row[i] = value;
      }
    }

    Result result() {
      List<List<Object>> out = new ArrayList<>(rows.size());
      rows.forEach(r -> out.add(Arrays.asList(r)));
      return Result.of(columns, out);
    }

    private static Object coerce(Object value, ColumnMetaData column) {
      if (value != null && column.type.id == Types.BOOLEAN && !(value instanceof Boolean)) {
        return value instanceof Number n ? n.intValue() != 0 : Boolean.parseBoolean(value.toString());
      }
      if (!(value instanceof Number n)) {
        if (value instanceof String text && column.type.id != Types.VARCHAR && !text.isBlank()) {
          try {
            return coerce(new BigDecimal(text.strip()), column);
          } catch (NumberFormatException e) {
            return null;
          }
        }
        return value == null || column.type.id != Types.VARCHAR ? value : value.toString();
      }
      return switch (column.type.id) {
        case Types.SMALLINT -> n.shortValue();
        case Types.INTEGER -> n.intValue();
        case Types.BIGINT -> n.longValue();
        case Types.TINYINT -> n.byteValue();
        case Types.VARCHAR -> n.toString();
        default -> value;
      };
    }
  }
}
