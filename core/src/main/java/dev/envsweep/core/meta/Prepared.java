package dev.envsweep.core.meta;

import dev.envsweep.core.sql.EnvsweepParser;
import dev.envsweep.core.sql.Prefilter;
import dev.envsweep.core.sql.Procedures;
import dev.envsweep.core.sys.SystemSchema;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.apache.calcite.sql.SqlNode;

/**
 * A prepared statement, in the form its route gives it: parsed or prepared once, with its result columns and
 * {@code ?} parameters known before it runs, then executed any number of times with bound values.
 */
sealed interface Prepared permits Prepared.Ours, Prepared.SystemQuery, Prepared.Forwarded, Prepared.Refused {

  String sql();

  List<ColumnMetaData> columns();

  List<AvaticaParameter> parameters();

  Result execute(Session session, List<TypedValue> values, Running run) throws SQLException;

  void close();

  static Prepared ours(String sql, SqlNode node) throws SQLException {
    List<AvaticaParameter> parameters = new ArrayList<>();
    int i = 0;
    for (Procedures.Type t : EnvsweepParser.parameterTypes(node)) {
      i++;
      parameters.add(new AvaticaParameter(false, t == Procedures.Type.BOOLEAN ? 1 : 65536, 0, t.jdbcType,
          t.jdbcType == Types.BOOLEAN ? "BOOLEAN" : "VARCHAR", t.javaClass.getName(), "?" + i));
    }
    return new Ours(sql, node, parameters);
  }

  static Prepared systemQuery(String sql, PreparedStatement statement) throws SQLException {
    try {
      return new SystemQuery(sql, statement, JdbcResults.columns(statement.getMetaData(),
          dev.envsweep.core.sys.ColumnLabels.of(sql)),
          parameters(statement.getParameterMetaData()));
    } catch (SQLException | RuntimeException e) {
      Closing.quietly(statement);
      throw SystemSchema.translate(e);
    }
  }

  static Prepared forwarded(String sql, PreparedStatement statement) throws SQLException {
    try {
      return new Forwarded(sql, statement, JdbcResults.columns(statement.getMetaData()),
          parameters(statement.getParameterMetaData()));
    } catch (SQLException | RuntimeException e) {
      Closing.quietly(statement);
      throw e;
    }
  }

  /** Its {@code ?} placeholders stay bindable (as VARCHAR), so the client's binding does not hide the error. */
  static Prepared refused(String sql, SQLException error) {
    List<AvaticaParameter> parameters = new ArrayList<>();
    for (int i = 1; i <= Prefilter.placeholders(sql); i++) {
      parameters.add(new AvaticaParameter(false, 65536, 0, Types.VARCHAR, "VARCHAR", String.class.getName(),
          "?" + i));
    }
    return new Refused(sql, error, parameters);
  }

  /** Avatica's description of the {@code ?} parameters; none where the driver cannot tell. */
  private static List<AvaticaParameter> parameters(ParameterMetaData md) {
    List<AvaticaParameter> out = new ArrayList<>();
    try {
      if (md == null) {
        return out;
      }
      for (int i = 1; i <= md.getParameterCount(); i++) {
        out.add(new AvaticaParameter(md.isSigned(i), md.getPrecision(i), md.getScale(i), md.getParameterType(i),
            md.getParameterTypeName(i), md.getParameterClassName(i), "?" + i));
      }
    } catch (SQLException | RuntimeException e) {
      // The statement still runs with whatever values the client binds.
    }
    return out;
  }

  /** The bound values as JDBC objects, in order. */
  private static List<Object> jdbcValues(List<TypedValue> values) {
    Calendar utc = DateTimeUtils.calendar();
    List<Object> out = new ArrayList<>(values.size());
    for (TypedValue v : values) {
      out.add(v == null ? null : v.toJdbc(utc));
    }
    return out;
  }

  private static void bind(PreparedStatement statement, List<TypedValue> values) throws SQLException {
    List<Object> jdbc = jdbcValues(values);
    for (int i = 0; i < jdbc.size(); i++) {
      statement.setObject(i + 1, jdbc.get(i));
    }
  }

  /** One of envsweep's statements, parsed once. */
  record Ours(String sql, SqlNode node, List<AvaticaParameter> parameters) implements Prepared {
    @Override
    public List<ColumnMetaData> columns() {
      return LifecycleColumns.COLUMNS;
    }

    @Override
    public Result execute(Session session, List<TypedValue> values, Running run) throws SQLException {
      List<Object> jdbc = jdbcValues(values);
      while (jdbc.size() < parameters.size()) {
        jdbc.add(null);
      }
      return session.runOurs(node, jdbc, run);
    }

    @Override
    public void close() {}
  }

  /** A query over {@code sys.*}, prepared by Calcite. */
  record SystemQuery(String sql, PreparedStatement statement, List<ColumnMetaData> columns,
      List<AvaticaParameter> parameters) implements Prepared {
    @Override
    public Result execute(Session session, List<TypedValue> values, Running run) throws SQLException {
      run.watch(statement);
      try {
        bind(statement, values);
        return new Result.Rows(statement.executeQuery(), null, dev.envsweep.core.sys.ColumnLabels.of(sql));
      } catch (SQLException | RuntimeException | ExceptionInInitializerError e) {
        throw SystemSchema.translate(e);
      }
    }

    @Override
    public void close() {
      Closing.quietly(statement);
    }
  }

  /**
   * A statement of the default gateway's, prepared by its driver. A driver may close a statement whose
   * execution failed (DuckDB's does): it is then prepared again before its next execution, so the client's
   * statement stays usable.
   */
  final class Forwarded implements Prepared {
    private final String sql;
    private PreparedStatement statement;
    private final List<ColumnMetaData> columns;
    private final List<AvaticaParameter> parameters;

    Forwarded(String sql, PreparedStatement statement, List<ColumnMetaData> columns,
        List<AvaticaParameter> parameters) {
      this.sql = sql;
      this.statement = statement;
      this.columns = columns;
      this.parameters = parameters;
    }

    @Override
    public String sql() {
      return sql;
    }

    @Override
    public List<ColumnMetaData> columns() {
      return columns;
    }

    @Override
    public List<AvaticaParameter> parameters() {
      return parameters;
    }

    @Override
    public Result execute(Session session, List<TypedValue> values, Running run) throws SQLException {
      if (statement.isClosed() || statement.getConnection() != session.gateway()) {
        statement = session.prepareForwarded(sql);
      }
      run.watch(statement);
      try {
        bind(statement, values);
        if (statement.execute()) {
          return new Result.Rows(statement.getResultSet(), null);
        }
        return Result.count(Math.max(0, statement.getLargeUpdateCount()));
      } catch (SQLException e) {
        throw session.gatewayError(e);
      }
    }

    @Override
    public void close() {
      Closing.quietly(statement);
    }
  }

  /** A statement that could not be prepared: its error, raised each time it is executed. */
  record Refused(String sql, SQLException error, List<AvaticaParameter> parameters) implements Prepared {
    @Override
    public List<ColumnMetaData> columns() {
      return List.of();
    }

    @Override
    public Result execute(Session session, List<TypedValue> values, Running run) throws SQLException {
      throw new SQLException(error.getMessage(), error.getSQLState(), error.getErrorCode(), error);
    }

    @Override
    public void close() {}
  }
}
