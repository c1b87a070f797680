package dev.envsweep.core.jdbc;

import dev.envsweep.core.sql.EnvsweepParser;
import dev.envsweep.core.sql.Prefilter;
import dev.envsweep.core.sql.Prefilter.Route;
import dev.envsweep.core.sys.SystemSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A plain statement: each SQL string goes where the {@link Prefilter} sends it. Results of envsweep's own
 * statements and system queries are this statement's current result; forwarded ones are the gateway's.
 */
final class EnvsweepStatement extends ForwardingStatement {
  private final EnvsweepConnection connection;
  private final Statement target;
  private ResultSet ours;
  private Statement system;
  /** Update count of a forwarded statement that returned no rows; -1 once consumed. */
  private long forwardedCount = -1;

  EnvsweepStatement(EnvsweepConnection connection, Statement target) {
    this.connection = connection;
    this.target = target;
  }

  @Override
  protected Statement delegate() {
    return target;
  }

  @Override
  public boolean execute(String sql) throws SQLException {
    clearCurrent();
    Route route = Prefilter.route(sql);
    switch (route) {
      case LIFECYCLE -> {
        ours = connection.runLifecycle(sql, List.of(), this);
        return true;
      }
      case SYSTEM_QUERY -> {
        EnvsweepParser.parseQuery(sql);
        system = connection.calcite().createStatement();
        try {
          ours = system.executeQuery(sql);
        } catch (SQLException | RuntimeException | ExceptionInInitializerError e) {
          throw SystemSchema.translate(e);
        }
        return true;
      }
      default -> {
        boolean hasRows;
        try {
          hasRows = target.execute(sql);
        } catch (SQLException e) {
          throw connection.gatewayError(e);
        }
        if (!hasRows) {
          // DuckDB reports -1 after DDL; Avatica's JdbcMeta cannot answer with that.
          forwardedCount = Math.max(0, target.getLargeUpdateCount());
        }
        return hasRows;
      }
    }
  }

  @Override
  public ResultSet executeQuery(String sql) throws SQLException {
    if (Prefilter.route(sql) == Route.FORWARD) {
      clearCurrent();
      try {
        return target.executeQuery(sql);
      } catch (SQLException e) {
        throw connection.gatewayError(e);
      }
    }
    execute(sql);
    return ours;
  }

  @Override
  public int executeUpdate(String sql) throws SQLException {
    return Math.toIntExact(executeLargeUpdate(sql));
  }

  @Override
  public long executeLargeUpdate(String sql) throws SQLException {
    if (Prefilter.route(sql) != Route.FORWARD) {
      throw new SQLException("this statement returns rows: run it with execute() or executeQuery()", "07000");
    }
    clearCurrent();
    try {
      return target.executeLargeUpdate(sql);
    } catch (SQLException e) {
      throw connection.gatewayError(e);
    }
  }

  @Override
  public ResultSet getResultSet() throws SQLException {
    return ours != null ? ours : target.getResultSet();
  }

  @Override
  public int getUpdateCount() throws SQLException {
    return Math.toIntExact(getLargeUpdateCount());
  }

  @Override
  public long getLargeUpdateCount() throws SQLException {
    if (ours != null) {
      return -1;
    }
    return forwardedCount >= 0 ? forwardedCount : target.getLargeUpdateCount();
  }

  @Override
  public boolean getMoreResults() throws SQLException {
    if (ours != null) {
      clearCurrent();
      forwardedCount = -1;
      return false;
    }
    forwardedCount = -1;
    return target.getMoreResults();
  }

  @Override
  public Connection getConnection() {
    return connection;
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || target.isWrapperFor(iface);
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(this) ? iface.cast(this) : target.unwrap(iface);
  }

  private void clearCurrent() throws SQLException {
    forwardedCount = -1;
    if (ours != null) {
      ours.close();
      ours = null;
    }
    if (system != null) {
      system.close();
      system = null;
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      clearCurrent();
    } finally {
      target.close();
    }
  }
}
