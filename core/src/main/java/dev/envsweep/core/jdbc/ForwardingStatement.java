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
 * Forwards every call to a {@link java.sql.Statement}, so that a wrapper overrides only what it changes
 * (the idea of Guava's {@code Forwarding*} classes). Generated once from the interface by reflection;
 * edit freely.
 */
@SuppressWarnings({"deprecation", "RedundantThrows"})
public abstract class ForwardingStatement implements Statement {

  /** The object every call goes to. */
  protected abstract Statement delegate();

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
  public ResultSet executeQuery(String p0) throws SQLException {
    return delegate().executeQuery(p0);
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
  public boolean getMoreResults() throws SQLException {
    return delegate().getMoreResults();
  }

  @Override
  public boolean getMoreResults(int p0) throws SQLException {
    return delegate().getMoreResults(p0);
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
  public void setCursorName(String p0) throws SQLException {
    delegate().setCursorName(p0);
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
  public void setMaxFieldSize(int p0) throws SQLException {
    delegate().setMaxFieldSize(p0);
  }

  @Override
  public void setMaxRows(int p0) throws SQLException {
    delegate().setMaxRows(p0);
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
  public <T> T unwrap(Class<T> p0) throws SQLException {
    return delegate().unwrap(p0);
  }
}
