package dev.envsweep.core.jdbc;

import dev.envsweep.core.sql.EnvsweepParser;
import dev.envsweep.core.sys.SystemSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** A prepared query over {@code sys.*}: Calcite's prepared statement, with its errors made plain. */
final class SystemQueryStatement extends ForwardingPreparedStatement {
  private final EnvsweepConnection connection;
  private final PreparedStatement target;

  private SystemQueryStatement(EnvsweepConnection connection, PreparedStatement target) {
    this.connection = connection;
    this.target = target;
  }

  static PreparedStatement prepare(EnvsweepConnection connection, String sql) throws SQLException {
    EnvsweepParser.parseQuery(sql);
    try {
      return new SystemQueryStatement(connection, connection.calcite().prepareStatement(sql));
    } catch (SQLException | RuntimeException | ExceptionInInitializerError e) {
      throw SystemSchema.translate(e);
    }
  }

  @Override
  protected PreparedStatement delegate() {
    return target;
  }

  @Override
  public boolean execute() throws SQLException {
    try {
      return target.execute();
    } catch (SQLException | RuntimeException | ExceptionInInitializerError e) {
      throw SystemSchema.translate(e);
    }
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    try {
      return target.executeQuery();
    } catch (SQLException | RuntimeException | ExceptionInInitializerError e) {
      throw SystemSchema.translate(e);
    }
  }

  @Override
  public Connection getConnection() {
    return connection;
  }
}
