package dev.envsweep.core.jdbc;

import dev.envsweep.core.sql.EnvsweepParser;
import dev.envsweep.core.sql.Procedures;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A prepared envsweep statement: parsed (and its syntax checked) when prepared, its result columns and
 * parameter types known at once, run only on {@code execute}, with {@code ?} values bound. It commits on
 * envsweep's own connections whatever the client's autocommit.
 */
final class CommandPreparedStatement extends UnsupportedPreparedStatement {
  private final EnvsweepConnection connection;
  private final String sql;
  private final List<Procedures.Type> parameterTypes;
  private final Object[] parameters;
  private ResultSet current;
  private boolean closed;
  private int maxRows;
  private int queryTimeout;
  private int fetchSize;

  CommandPreparedStatement(EnvsweepConnection connection, String sql) throws SQLException {
    this.connection = connection;
    this.sql = sql;
    this.parameterTypes = EnvsweepParser.parameterTypes(EnvsweepParser.parseLifecycle(sql));
    this.parameters = new Object[parameterTypes.size()];
  }

  private void checkOpen() throws SQLException {
    if (closed) {
      throw new SQLException("statement is closed", "HY010");
    }
  }

  @Override
  public boolean execute() throws SQLException {
    checkOpen();
    closeCurrent();
    current = connection.runLifecycle(sql, Arrays.asList(parameters), this);
    return true;
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    execute();
    return current;
  }

  @Override
  public int executeUpdate() throws SQLException {
    throw new SQLException("this statement returns rows: run it with execute() or executeQuery()", "07000");
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    return executeUpdate();
  }

  @Override
  public ResultSet getResultSet() {
    return current;
  }

  @Override
  public int getUpdateCount() {
    return -1;
  }

  @Override
  public long getLargeUpdateCount() {
    return -1;
  }

  @Override
  public boolean getMoreResults() throws SQLException {
    closeCurrent();
    return false;
  }

  @Override
  public boolean getMoreResults(int current) throws SQLException {
    return getMoreResults();
  }

  @Override
  public ResultSetMetaData getMetaData() {
    return ResultColumns.metaData();
  }

  @Override
  public ParameterMetaData getParameterMetaData() {
    return new CommandParameterMetaData(parameterTypes);
  }

  private void set(int index, Object value) throws SQLException {
    checkOpen();
    if (index < 1 || index > parameters.length) {
      throw new SQLException("parameter index " + index + " is out of range 1.." + parameters.length, "22023");
    }
    parameters[index - 1] = value;
  }

  @Override
  public void setObject(int index, Object value) throws SQLException {
    set(index, value);
  }

  @Override
  public void setObject(int index, Object value, int targetSqlType) throws SQLException {
    set(index, value);
  }

  @Override
  public void setObject(int index, Object value, int targetSqlType, int scale) throws SQLException {
    set(index, value);
  }

  @Override
  public void setString(int index, String value) throws SQLException {
    set(index, value);
  }

  @Override
  public void setBoolean(int index, boolean value) throws SQLException {
    set(index, value);
  }

  @Override
  public void setInt(int index, int value) throws SQLException {
    set(index, value);
  }

  @Override
  public void setLong(int index, long value) throws SQLException {
    set(index, value);
  }

  @Override
  public void setBigDecimal(int index, BigDecimal value) throws SQLException {
    set(index, value);
  }

  @Override
  public void setNull(int index, int sqlType) throws SQLException {
    set(index, null);
  }

  @Override
  public void setNull(int index, int sqlType, String typeName) throws SQLException {
    set(index, null);
  }

  @Override
  public void clearParameters() {
    Arrays.fill(parameters, null);
  }

  @Override
  public Connection getConnection() {
    return connection;
  }

  @Override
  public void close() throws SQLException {
    closeCurrent();
    closed = true;
  }

  private void closeCurrent() throws SQLException {
    if (current != null) {
      current.close();
      current = null;
    }
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public int getMaxRows() {
    return maxRows;
  }

  @Override
  public void setMaxRows(int max) {
    this.maxRows = max;
  }

  @Override
  public long getLargeMaxRows() {
    return maxRows;
  }

  @Override
  public void setLargeMaxRows(long max) {
    this.maxRows = (int) Math.min(Integer.MAX_VALUE, max);
  }

  @Override
  public int getQueryTimeout() {
    return queryTimeout;
  }

  @Override
  public void setQueryTimeout(int seconds) {
    this.queryTimeout = seconds;
  }

  @Override
  public int getFetchSize() {
    return fetchSize;
  }

  @Override
  public void setFetchSize(int rows) {
    this.fetchSize = rows;
  }

  @Override
  public int getFetchDirection() {
    return ResultSet.FETCH_FORWARD;
  }

  @Override
  public void setFetchDirection(int direction) {}

  @Override
  public void setEscapeProcessing(boolean enable) {}

  @Override
  public int getResultSetType() {
    return ResultSet.TYPE_FORWARD_ONLY;
  }

  @Override
  public int getResultSetConcurrency() {
    return ResultSet.CONCUR_READ_ONLY;
  }

  @Override
  public int getResultSetHoldability() {
    return ResultSet.CLOSE_CURSORS_AT_COMMIT;
  }

  @Override
  public SQLWarning getWarnings() {
    return null;
  }

  @Override
  public void clearWarnings() {}

  @Override
  public boolean isPoolable() {
    return false;
  }

  @Override
  public void setPoolable(boolean poolable) {}

  @Override
  public void closeOnCompletion() {}

  @Override
  public boolean isCloseOnCompletion() {
    return false;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("not a wrapper for " + iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  /** Types of the {@code ?} parameters, from the procedure's signature or the statement's grammar. */
  static final class CommandParameterMetaData implements ParameterMetaData {
    private final List<Procedures.Type> types;

    CommandParameterMetaData(List<Procedures.Type> types) {
      this.types = new ArrayList<>(types);
    }

    private Procedures.Type type(int param) throws SQLException {
      if (param < 1 || param > types.size()) {
        throw new SQLException("parameter index " + param + " is out of range 1.." + types.size(), "22023");
      }
      return types.get(param - 1);
    }

    @Override
    public int getParameterCount() {
      return types.size();
    }

    @Override
    public int isNullable(int param) {
      return parameterNoNulls;
    }

    @Override
    public boolean isSigned(int param) {
      return false;
    }

    @Override
    public int getPrecision(int param) throws SQLException {
      return type(param) == Procedures.Type.BOOLEAN ? 1 : 65536;
    }

    @Override
    public int getScale(int param) {
      return 0;
    }

    @Override
    public int getParameterType(int param) throws SQLException {
      return type(param).jdbcType;
    }

    @Override
    public String getParameterTypeName(int param) throws SQLException {
      return type(param).jdbcType == Types.BOOLEAN ? "BOOLEAN" : "VARCHAR";
    }

    @Override
    public String getParameterClassName(int param) throws SQLException {
      return type(param).javaClass.getName();
    }

    @Override
    public int getParameterMode(int param) {
      return parameterModeIn;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper for " + iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
