package dev.envsweep.core.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.*;
import java.util.Calendar;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * Forwards every call to a {@link java.sql.PreparedStatement}, so that a wrapper overrides only what it changes
 * (the idea of Guava's {@code Forwarding*} classes). Generated once from the interface by reflection;
 * edit freely.
 */
@SuppressWarnings({"deprecation", "RedundantThrows"})
public abstract class ForwardingPreparedStatement implements PreparedStatement {

  /** The object every call goes to. */
  protected abstract PreparedStatement delegate();

  @Override
  public void addBatch() throws SQLException {
    delegate().addBatch();
  }

  @Override
  public void addBatch(String p0) throws SQLException {
    delegate().addBatch(p0);
  }

  @Override
  public void cancel() throws SQLException {
    delegate().cancel();
  }

  @Override
  public void clearBatch() throws SQLException {
    delegate().clearBatch();
  }

  @Override
  public void clearParameters() throws SQLException {
    delegate().clearParameters();
  }

  @Override
  public void clearWarnings() throws SQLException {
    delegate().clearWarnings();
  }

  @Override
  public void close() throws SQLException {
    delegate().close();
  }

  @Override
  public void closeOnCompletion() throws SQLException {
    delegate().closeOnCompletion();
  }

  @Override
  public boolean execute() throws SQLException {
    return delegate().execute();
  }

  @Override
  public boolean execute(String p0, int[] p1) throws SQLException {
    return delegate().execute(p0, p1);
  }

  @Override
  public boolean execute(String p0, String[] p1) throws SQLException {
    return delegate().execute(p0, p1);
  }

  @Override
  public boolean execute(String p0, int p1) throws SQLException {
    return delegate().execute(p0, p1);
  }

  @Override
  public boolean execute(String p0) throws SQLException {
    return delegate().execute(p0);
  }

  @Override
  public int[] executeBatch() throws SQLException {
    return delegate().executeBatch();
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    return delegate().executeQuery();
  }

  @Override
  public ResultSet executeQuery(String p0) throws SQLException {
    return delegate().executeQuery(p0);
  }

  @Override
  public int executeUpdate() throws SQLException {
    return delegate().executeUpdate();
  }

  @Override
  public int executeUpdate(String p0, int[] p1) throws SQLException {
    return delegate().executeUpdate(p0, p1);
  }

  @Override
  public int executeUpdate(String p0, String[] p1) throws SQLException {
    return delegate().executeUpdate(p0, p1);
  }

  @Override
  public int executeUpdate(String p0, int p1) throws SQLException {
    return delegate().executeUpdate(p0, p1);
  }

  @Override
  public int executeUpdate(String p0) throws SQLException {
    return delegate().executeUpdate(p0);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return delegate().getConnection();
  }

  @Override
  public int getFetchDirection() throws SQLException {
    return delegate().getFetchDirection();
  }

  @Override
  public int getFetchSize() throws SQLException {
    return delegate().getFetchSize();
  }

  @Override
  public ResultSet getGeneratedKeys() throws SQLException {
    return delegate().getGeneratedKeys();
  }

  @Override
  public int getMaxFieldSize() throws SQLException {
    return delegate().getMaxFieldSize();
  }

  @Override
  public int getMaxRows() throws SQLException {
    return delegate().getMaxRows();
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    return delegate().getMetaData();
  }

  @Override
  public boolean getMoreResults() throws SQLException {
    return delegate().getMoreResults();
  }

  @Override
  public boolean getMoreResults(int p0) throws SQLException {
    return delegate().getMoreResults(p0);
  }

  @Override
  public ParameterMetaData getParameterMetaData() throws SQLException {
    return delegate().getParameterMetaData();
  }

  @Override
  public int getQueryTimeout() throws SQLException {
    return delegate().getQueryTimeout();
  }

  @Override
  public ResultSet getResultSet() throws SQLException {
    return delegate().getResultSet();
  }

  @Override
  public int getResultSetConcurrency() throws SQLException {
    return delegate().getResultSetConcurrency();
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    return delegate().getResultSetHoldability();
  }

  @Override
  public int getResultSetType() throws SQLException {
    return delegate().getResultSetType();
  }

  @Override
  public int getUpdateCount() throws SQLException {
    return delegate().getUpdateCount();
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    return delegate().getWarnings();
  }

  @Override
  public boolean isCloseOnCompletion() throws SQLException {
    return delegate().isCloseOnCompletion();
  }

  @Override
  public boolean isClosed() throws SQLException {
    return delegate().isClosed();
  }

  @Override
  public boolean isPoolable() throws SQLException {
    return delegate().isPoolable();
  }

  @Override
  public boolean isWrapperFor(Class<?> p0) throws SQLException {
    return delegate().isWrapperFor(p0);
  }

  @Override
  public void setArray(int p0, Array p1) throws SQLException {
    delegate().setArray(p0, p1);
  }

  @Override
  public void setAsciiStream(int p0, InputStream p1, int p2) throws SQLException {
    delegate().setAsciiStream(p0, p1, p2);
  }

  @Override
  public void setAsciiStream(int p0, InputStream p1, long p2) throws SQLException {
    delegate().setAsciiStream(p0, p1, p2);
  }

  @Override
  public void setAsciiStream(int p0, InputStream p1) throws SQLException {
    delegate().setAsciiStream(p0, p1);
  }

  @Override
  public void setBigDecimal(int p0, BigDecimal p1) throws SQLException {
    delegate().setBigDecimal(p0, p1);
  }

  @Override
  public void setBinaryStream(int p0, InputStream p1, int p2) throws SQLException {
    delegate().setBinaryStream(p0, p1, p2);
  }

  @Override
  public void setBinaryStream(int p0, InputStream p1, long p2) throws SQLException {
    delegate().setBinaryStream(p0, p1, p2);
  }

  @Override
  public void setBinaryStream(int p0, InputStream p1) throws SQLException {
    delegate().setBinaryStream(p0, p1);
  }

  @Override
  public void setBlob(int p0, InputStream p1, long p2) throws SQLException {
    delegate().setBlob(p0, p1, p2);
  }

  @Override
  public void setBlob(int p0, InputStream p1) throws SQLException {
    delegate().setBlob(p0, p1);
  }

  @Override
  public void setBlob(int p0, Blob p1) throws SQLException {
    delegate().setBlob(p0, p1);
  }

  @Override
  public void setBoolean(int p0, boolean p1) throws SQLException {
    delegate().setBoolean(p0, p1);
  }

  @Override
  public void setByte(int p0, byte p1) throws SQLException {
    delegate().setByte(p0, p1);
  }

  @Override
  public void setBytes(int p0, byte[] p1) throws SQLException {
    delegate().setBytes(p0, p1);
  }

  @Override
  public void setCharacterStream(int p0, Reader p1, int p2) throws SQLException {
    delegate().setCharacterStream(p0, p1, p2);
  }

  @Override
  public void setCharacterStream(int p0, Reader p1, long p2) throws SQLException {
    delegate().setCharacterStream(p0, p1, p2);
  }

  @Override
  public void setCharacterStream(int p0, Reader p1) throws SQLException {
    delegate().setCharacterStream(p0, p1);
  }

  @Override
  public void setClob(int p0, Reader p1, long p2) throws SQLException {
    delegate().setClob(p0, p1, p2);
  }

  @Override
  public void setClob(int p0, Reader p1) throws SQLException {
    delegate().setClob(p0, p1);
  }

  @Override
  public void setClob(int p0, Clob p1) throws SQLException {
    delegate().setClob(p0, p1);
  }

  @Override
  public void setCursorName(String p0) throws SQLException {
    delegate().setCursorName(p0);
  }

  @Override
  public void setDate(int p0, Date p1, Calendar p2) throws SQLException {
    delegate().setDate(p0, p1, p2);
  }

  @Override
  public void setDate(int p0, Date p1) throws SQLException {
    delegate().setDate(p0, p1);
  }

  @Override
  public void setDouble(int p0, double p1) throws SQLException {
    delegate().setDouble(p0, p1);
  }

  @Override
  public void setEscapeProcessing(boolean p0) throws SQLException {
    delegate().setEscapeProcessing(p0);
  }

  @Override
  public void setFetchDirection(int p0) throws SQLException {
    delegate().setFetchDirection(p0);
  }

  @Override
  public void setFetchSize(int p0) throws SQLException {
    delegate().setFetchSize(p0);
  }

  @Override
  public void setFloat(int p0, float p1) throws SQLException {
    delegate().setFloat(p0, p1);
  }

  @Override
  public void setInt(int p0, int p1) throws SQLException {
    delegate().setInt(p0, p1);
  }

  @Override
  public void setLong(int p0, long p1) throws SQLException {
    delegate().setLong(p0, p1);
  }

  @Override
  public void setMaxFieldSize(int p0) throws SQLException {
    delegate().setMaxFieldSize(p0);
  }

  @Override
  public void setMaxRows(int p0) throws SQLException {
    delegate().setMaxRows(p0);
  }

  @Override
  public void setNCharacterStream(int p0, Reader p1, long p2) throws SQLException {
    delegate().setNCharacterStream(p0, p1, p2);
  }

  @Override
  public void setNCharacterStream(int p0, Reader p1) throws SQLException {
    delegate().setNCharacterStream(p0, p1);
  }

  @Override
  public void setNClob(int p0, Reader p1, long p2) throws SQLException {
    delegate().setNClob(p0, p1, p2);
  }

  @Override
  public void setNClob(int p0, Reader p1) throws SQLException {
    delegate().setNClob(p0, p1);
  }

  @Override
  public void setNClob(int p0, NClob p1) throws SQLException {
    delegate().setNClob(p0, p1);
  }

  @Override
  public void setNString(int p0, String p1) throws SQLException {
    delegate().setNString(p0, p1);
  }

  @Override
  public void setNull(int p0, int p1, String p2) throws SQLException {
    delegate().setNull(p0, p1, p2);
  }

  @Override
  public void setNull(int p0, int p1) throws SQLException {
    delegate().setNull(p0, p1);
  }

  @Override
  public void setObject(int p0, Object p1, int p2, int p3) throws SQLException {
    delegate().setObject(p0, p1, p2, p3);
  }

  @Override
  public void setObject(int p0, Object p1, int p2) throws SQLException {
    delegate().setObject(p0, p1, p2);
  }

  @Override
  public void setObject(int p0, Object p1) throws SQLException {
    delegate().setObject(p0, p1);
  }

  @Override
  public void setPoolable(boolean p0) throws SQLException {
    delegate().setPoolable(p0);
  }

  @Override
  public void setQueryTimeout(int p0) throws SQLException {
    delegate().setQueryTimeout(p0);
  }

  @Override
  public void setRef(int p0, Ref p1) throws SQLException {
    delegate().setRef(p0, p1);
  }

  @Override
  public void setRowId(int p0, RowId p1) throws SQLException {
    delegate().setRowId(p0, p1);
  }

  @Override
  public void setSQLXML(int p0, SQLXML p1) throws SQLException {
    delegate().setSQLXML(p0, p1);
  }

  @Override
  public void setShort(int p0, short p1) throws SQLException {
    delegate().setShort(p0, p1);
  }

  @Override
  public void setString(int p0, String p1) throws SQLException {
    delegate().setString(p0, p1);
  }

  @Override
  public void setTime(int p0, Time p1, Calendar p2) throws SQLException {
    delegate().setTime(p0, p1, p2);
  }

  @Override
  public void setTime(int p0, Time p1) throws SQLException {
    delegate().setTime(p0, p1);
  }

  @Override
  public void setTimestamp(int p0, Timestamp p1, Calendar p2) throws SQLException {
    delegate().setTimestamp(p0, p1, p2);
  }

  @Override
  public void setTimestamp(int p0, Timestamp p1) throws SQLException {
    delegate().setTimestamp(p0, p1);
  }

  @Override
  public void setURL(int p0, URL p1) throws SQLException {
    delegate().setURL(p0, p1);
  }

  @Override
  public void setUnicodeStream(int p0, InputStream p1, int p2) throws SQLException {
    delegate().setUnicodeStream(p0, p1, p2);
  }

  @Override
  public <T> T unwrap(Class<T> p0) throws SQLException {
    return delegate().unwrap(p0);
  }
}
