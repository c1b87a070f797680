package dev.envsweep.core.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** A prepared statement of the default gateway, as it is, but for DuckDB's -1 update count after DDL. */
final class GatewayPreparedStatement extends ForwardingPreparedStatement {
  private final EnvsweepConnection connection;
  private final PreparedStatement target;
  private long count = -1;

  GatewayPreparedStatement(EnvsweepConnection connection, PreparedStatement target) {
    this.connection = connection;
    this.target = target;
  }

  @Override
  protected PreparedStatement delegate() {
    return target;
  }

  @Override
  public java.sql.ResultSet executeQuery() throws SQLException {
    try {
      return target.executeQuery();
    } catch (SQLException e) {
      throw connection.gatewayError(e);
    }
  }

  @Override
  public int executeUpdate() throws SQLException {
    try {
      return target.executeUpdate();
    } catch (SQLException e) {
      throw connection.gatewayError(e);
    }
  }

  @Override
  public boolean execute() throws SQLException {
    boolean hasRows;
    try {
      hasRows = target.execute();
    } catch (SQLException e) {
      throw connection.gatewayError(e);
    }
    count = hasRows ? -1 : Math.max(0, target.getLargeUpdateCount());
    return hasRows;
  }

  @Override
  public int getUpdateCount() throws SQLException {
    return Math.toIntExact(getLargeUpdateCount());
  }

  @Override
  public long getLargeUpdateCount() throws SQLException {
    return count >= 0 ? count : target.getLargeUpdateCount();
  }

  @Override
  public boolean getMoreResults() throws SQLException {
    count = -1;
    return target.getMoreResults();
  }

  @Override
  public Connection getConnection() {
    return connection;
  }
}
