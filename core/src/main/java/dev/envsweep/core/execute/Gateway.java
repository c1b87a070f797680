package dev.envsweep.core.execute;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.envsweep.core.SqlStates;
import dev.envsweep.core.config.GatewayConfig;
import dev.envsweep.dialects.Dialect;
import dev.envsweep.dialects.DialectContext;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import javax.sql.DataSource;

/** One configured warehouse: its name, engine, rendering context and connection pool. */
public final class Gateway implements AutoCloseable {
  private final GatewayConfig config;
  private final Dialect dialect;
  private final DataSource dataSource;
  private volatile DialectContext context;
  /** One permit per statement this gateway may be sent at once ({@code max_parallel_drops}). */
  private final Semaphore dropSlots;

  public Gateway(GatewayConfig config, Dialect dialect, DataSource dataSource) {
    this.config = config;
    this.dialect = dialect;
    this.dataSource = dataSource;
    Path catalogDir = config.catalogDir() != null ? config.catalogDir()
        : dialect.driver().localDatabaseFile(config.url()).map(Path::getParent).orElse(null);
    this.context = new DialectContext(config.defaultCatalog(), catalogDir, config.options());
    this.maxParallelDrops = maxParallelDrops(config, dialect);
    this.dropSlots = new Semaphore(maxParallelDrops, true);
  }

  private final int maxParallelDrops;

  /** {@code max_parallel_drops} as configured, else the engine's default. */
  public static int maxParallelDrops(GatewayConfig config, Dialect dialect) {
    return config.maxParallelDrops() > 0 ? config.maxParallelDrops() : dialect.defaultParallelDrops();
  }

  /** How many environments' drops this gateway is sent at once. */
  public int maxParallelDrops() {
    return maxParallelDrops;
  }

  /**
   * Waits for one of the gateway's {@code max_parallel_drops} slots; the caller sends its drops (one at a time)
   * and then releases it. Fair, so an environment waiting for a slot is not overtaken indefinitely.
   */
  public void acquireDropSlot() {
    dropSlots.acquireUninterruptibly();
  }

  public void releaseDropSlot() {
    dropSlots.release();
  }

  public String name() {
    return config.name();
  }

  public Dialect dialect() {
    return dialect;
  }

  /** The rendering context as configured; the default catalog may still be unknown (see {@link #context(Connection)}). */
  public DialectContext context() {
    return context;
  }

  /**
   * The rendering context, completed by asking the engine (once) for the connection's current catalog: it is
   * SQLMesh's default catalog when the configuration names none, and MSSQL needs it to switch back after a
   * {@code USE}.
   */
  public DialectContext context(Connection c) throws SQLException {
    DialectContext current = context;
    if (current.currentCatalog() != null || dialect.currentCatalogQuery().isEmpty()) {
      return current;
    }
    try (java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery(dialect.currentCatalogQuery().get())) {
      String catalog = rs.next() ? rs.getString(1) : null;
      current = current.withCurrentCatalog(catalog);
      if (current.defaultCatalog() == null) {
        current = current.withDefaultCatalog(catalog);
      }
      context = current;
      return current;
    }
  }

  public GatewayConfig config() {
    return config;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /**
   * A connection of a client's own, outside the pool, or 08001 saying why not: whatever session state its client
   * sets (SET, setSchema, temporary tables, a read-only flag) must never reach another client or envsweep's
   * drops, and a pool hands its connections on. Closed by the client's session.
   */
  public Connection clientConnection() throws SQLException {
    try {
      return ConnectionPools.unpooled(config.url(), config.user(), config.password(), config.properties(), dialect)
          .getConnection();
    } catch (SQLException e) {
      throw unreachable(e);
    }
  }

  /** A connection, or 08001 saying which gateway could not be reached and why. */
  public Connection connection() throws SQLException {
    try {
      return dataSource.getConnection();
    } catch (SQLException e) {
      throw unreachable(e);
    }
  }

  public SQLException unreachable(SQLException e) {
    String why = SqlStates.withDriverReason(e, dialect.driver().explainConnectionFailure(e, config.url())
        .orElse(e.getMessage()));
    return SqlStates.unreachable("gateway '" + name() + "' (" + config.safeUrl() + ") is unreachable: " + why, e);
  }

  /** A pool's counters as {@code sys.gateways} shows them. */
  public record PoolStats(int active, int idle, int total, int waiting, int max) {}

  /** The pool's counters now; empty when connections are not pooled (DuckDB: see {@link ConnectionPools}). */
  public Optional<PoolStats> poolStats() {
    if (dataSource instanceof HikariDataSource hikari && hikari.getHikariPoolMXBean() != null) {
      HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
      return Optional.of(new PoolStats(pool.getActiveConnections(), pool.getIdleConnections(),
          pool.getTotalConnections(), pool.getThreadsAwaitingConnection(), hikari.getMaximumPoolSize()));
    }
    return Optional.empty();
  }

  /**
   * Takes a connection and checks it: empty when the gateway answers, otherwise why not (the same text a
   * failing drop would report). Waits at most the gateway's connection timeout.
   */
  public Optional<String> probe() {
    try (Connection c = connection()) {
      return c.isValid(5) ? Optional.empty() : Optional.of("the connection did not answer a validity check");
    } catch (SQLException e) {
      return Optional.of(e.getMessage());
    }
  }

  @Override
  public void close() {
    ConnectionPools.close(dataSource);
  }
}
