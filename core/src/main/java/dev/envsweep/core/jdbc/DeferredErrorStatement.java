package dev.envsweep.core.jdbc;

import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;

/**
 * A statement that could not be prepared, reporting its error when executed. JDBC allows either moment, and
 * Avatica's remote client keeps only the SQLSTATE of an error raised while preparing, dropping its message
 * ("while preparing SQL: ..."); raised at execution, the client sees the whole message: the line and column of
 * a syntax error, the unknown column, the engine's own words.
 */
final class DeferredErrorStatement extends UnsupportedPreparedStatement {
  private final Connection connection;
  private final SQLException error;
  private boolean closed;

  DeferredErrorStatement(Connection connection, SQLException error) {
    this.connection = connection;
    this.error = error;
  }

  private SQLException error() {
    return new SQLException(error.getMessage(), error.getSQLState(), error.getErrorCode(), error);
  }

  @Override
  public boolean execute() throws SQLException {
    throw error();
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    throw error();
  }

  @Override
  public int executeUpdate() throws SQLException {
    throw error();
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    throw error();
  }

  @Override
  public ResultSetMetaData getMetaData() {
    return new RowMetaData(List.of());
  }

  @Override
  public ParameterMetaData getParameterMetaData() throws SQLException {
    return new CommandPreparedStatement.CommandParameterMetaData(List.of());
  }

  /** Parameters are accepted and ignored: the statement fails when executed anyway. */
  @Override
  public void setObject(int index, Object value) {}

  @Override
  public void setString(int index, String value) {}

  @Override
  public void setNull(int index, int sqlType) {}

  @Override
  public void clearParameters() {}

  @Override
  public ResultSet getResultSet() {
    return null;
  }

  @Override
  public int getUpdateCount() {
    return -1;
  }

  @Override
  public boolean getMoreResults() {
    return false;
  }

  @Override
  public void setMaxRows(int max) {}

  @Override
  public int getMaxRows() {
    return 0;
  }

  @Override
  public void setLargeMaxRows(long max) {}

  @Override
  public void setFetchSize(int rows) {}

  @Override
  public void setQueryTimeout(int seconds) {}

  @Override
  public java.sql.SQLWarning getWarnings() {
    return null;
  }

  @Override
  public void clearWarnings() {}

  @Override
  public Connection getConnection() {
    return connection;
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("not a wrapper for " + iface);
  }
}
