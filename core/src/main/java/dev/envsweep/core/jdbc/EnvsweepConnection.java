package dev.envsweep.core.jdbc;

import dev.envsweep.core.Envsweep;
import dev.envsweep.core.lifecycle.CleanupProgress;
import dev.envsweep.core.lifecycle.ResultPages;
import dev.envsweep.core.sql.EnvsweepParser;
import dev.envsweep.core.sql.Prefilter;
import dev.envsweep.core.sys.SystemSchema;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A client's connection: envsweep's statements run as lifecycle commands, queries over {@code sys.*} run on
 * Calcite, and everything else goes unchanged to a connection to the default gateway, which this one wraps (so
 * transactions, session settings and the engine's own errors are the engine's).
 */
public final class EnvsweepConnection extends ForwardingConnection {
  private final Envsweep envsweep;
  private final String url;
  private final Connection target;
  private final Runnable onClose;
  private Connection calcite;
  private boolean closed;

  private EnvsweepConnection(Envsweep envsweep, String url, Connection target, Runnable onClose) {
    this.envsweep = envsweep;
    this.url = url;
    this.target = target;
    this.onClose = onClose;
  }

  static EnvsweepConnection open(Envsweep envsweep, String url, Runnable onClose) throws SQLException {
    return new EnvsweepConnection(envsweep, url, envsweep.gateways().defaultGateway().connection(), onClose);
  }

  @Override
  protected Connection delegate() {
    return target;
  }

  public Envsweep envsweep() {
    return envsweep;
  }

  String url() {
    return url;
  }

  /**
   * A read-only caller may query {@code sys.*} and nothing else: no INVALIDATE, no CLEANUP, and no statement
   * forwarded to a gateway either (it could drop anything there). 42501, before anything runs.
   */
  void checkAllowed(Prefilter.Route route) throws SQLException {
    Caller caller = Caller.current();
    if (caller != null && caller.readOnly() && route != Prefilter.Route.SYSTEM_QUERY) {
      throw new SQLException("user '" + caller.user() + "' is read-only: only queries over sys.* are allowed",
          "42501");
    }
  }

  /** Parses, binds and runs an envsweep statement; its rows come back as a result set. */
  ResultSet runLifecycle(String sql, List<Object> parameters, Statement owner) throws SQLException {
    checkOpen();
    checkAllowed(Prefilter.Route.LIFECYCLE);
    ResultPages pages = envsweep.executor().execute(EnvsweepParser.parseLifecycle(sql), parameters,
        CleanupProgress.NONE);
    return ResultColumns.resultSet(pages, owner);
  }

  /**
   * An error of the default gateway, given the SQLSTATE its dialect assigns when the driver set none (DuckDB's),
   * so every client sees one. The engine's message is kept as it is.
   */
  SQLException gatewayError(SQLException e) {
    if (e.getSQLState() != null) {
      return e;
    }
    String state = envsweep.gateways().defaultGateway().dialect().driver().sqlStateOf(e);
    return state == null ? e : new SQLException(e.getMessage(), state, e.getErrorCode(), e);
  }

  /** The Calcite connection holding the {@code sys} schema, made on first use. */
  Connection calcite() throws SQLException {
    checkOpen();
    if (calcite == null) {
      calcite = SystemSchema.connect(envsweep);
    }
    return calcite;
  }

  private void checkOpen() throws SQLException {
    if (closed) {
      throw new SQLException("connection is closed", "08003");
    }
  }

  @Override
  public Statement createStatement() throws SQLException {
    return new EnvsweepStatement(this, target.createStatement());
  }

  @Override
  public Statement createStatement(int type, int concurrency) throws SQLException {
    return new EnvsweepStatement(this, target.createStatement(type, concurrency));
  }

  @Override
  public Statement createStatement(int type, int concurrency, int holdability) throws SQLException {
    return new EnvsweepStatement(this, target.createStatement(type, concurrency, holdability));
  }

  /**
   * Prepares where the statement belongs. A statement that cannot be prepared fails when executed instead (see
   * {@link DeferredErrorStatement}), so that remote clients see the error's message.
   */
  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    checkOpen();
    try {
      checkAllowed(Prefilter.route(sql));
      return switch (Prefilter.route(sql)) {
        case LIFECYCLE -> new CommandPreparedStatement(this, sql);
        case SYSTEM_QUERY -> SystemQueryStatement.prepare(this, sql);
        case FORWARD -> new GatewayPreparedStatement(this, target.prepareStatement(sql));
      };
    } catch (SQLException e) {
      if (isClosed()) {
        throw e;
      }
      return new DeferredErrorStatement(this, gatewayError(e));
    }
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int type, int concurrency) throws SQLException {
    return Prefilter.route(sql) == Prefilter.Route.FORWARD
        ? new GatewayPreparedStatement(this, target.prepareStatement(sql, type, concurrency))
        : prepareStatement(sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int type, int concurrency, int holdability)
      throws SQLException {
    return Prefilter.route(sql) == Prefilter.Route.FORWARD
        ? new GatewayPreparedStatement(this, target.prepareStatement(sql, type, concurrency, holdability))
        : prepareStatement(sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
    return Prefilter.route(sql) == Prefilter.Route.FORWARD
        ? new GatewayPreparedStatement(this, target.prepareStatement(sql, autoGeneratedKeys))
        : prepareStatement(sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
    return Prefilter.route(sql) == Prefilter.Route.FORWARD
        ? new GatewayPreparedStatement(this, target.prepareStatement(sql, columnIndexes))
        : prepareStatement(sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
    return Prefilter.route(sql) == Prefilter.Route.FORWARD
        ? new GatewayPreparedStatement(this, target.prepareStatement(sql, columnNames))
        : prepareStatement(sql);
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    return new EnvsweepDatabaseMetaData(this, target.getMetaData());
  }

  @Override
  public boolean isClosed() throws SQLException {
    return closed || target.isClosed();
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || target.isWrapperFor(iface);
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(this) ? iface.cast(this) : target.unwrap(iface);
  }

  @Override
  public void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (calcite != null) {
        calcite.close();
      }
      target.close();
    } finally {
      onClose.run();
    }
  }
}
