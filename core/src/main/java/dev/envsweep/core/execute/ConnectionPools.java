package dev.envsweep.core.execute;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.envsweep.dialects.Dialect;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Makes the connection source of a gateway or state store: a HikariCP pool, except for engines that lock a
 * local file against every other process (DuckDB), whose connections are opened on demand and closed when
 * returned, so the file is free for SQLMesh whenever envsweep is not working on it. Within one process DuckDB
 * shares one database instance among all open connections to a file, so opening one is cheap while another is
 * open (a connected client keeps one open).
 */
public final class ConnectionPools {
  private ConnectionPools() {}

  /** How long a caller waits for a connection before the gateway counts as unreachable. */
  public static final long DEFAULT_CONNECTION_TIMEOUT_MS = 10_000;

  public static DataSource create(String poolName, String url, String user, String password,
      Map<String, String> properties, Dialect dialect, int maxConnections) {
    return create(poolName, url, user, password, properties, dialect, maxConnections,
        DEFAULT_CONNECTION_TIMEOUT_MS);
  }

  public static DataSource create(String poolName, String url, String user, String password,
      Map<String, String> properties, Dialect dialect, int maxConnections, long connectionTimeoutMs) {
    if (!dialect.driver().keepsIdleConnections()) {
      return new UnpooledDataSource(url, user, password, properties, dialect);
    }
    HikariConfig config = new HikariConfig();
    config.setPoolName(poolName);
    config.setJdbcUrl(url);
    java.sql.Driver driver = JdbcDrivers.forUrl(url);
    if (driver != null) {
      config.setDriverClassName(driver.getClass().getName());
    }
    config.setUsername(user);
    config.setPassword(password);
    properties.forEach(config::addDataSourceProperty);
    config.setMaximumPoolSize(Math.max(2, maxConnections));
    config.setMinimumIdle(0);
    // A gateway that is down must fail the environments that need it, not the server's start.
    config.setInitializationFailTimeout(-1);
    config.setConnectionTimeout(Math.max(250, connectionTimeoutMs));
    return new HikariDataSource(config);
  }

  /** Connections opened on request and closed when returned. */
  static DataSource unpooled(String url, String user, String password, Map<String, String> properties,
      Dialect dialect) {
    return new UnpooledDataSource(url, user, password, properties, dialect);
  }

  public static void close(DataSource dataSource) {
    if (dataSource instanceof HikariDataSource hikari) {
      hikari.close();
    }
  }

  /** How long opening a connection is retried while the engine says a failure to open is passing. */
  static final long OPEN_RETRY_MILLIS = 2_000;

  /** A connection per request, closed by the caller: nothing held while idle. */
  static final class UnpooledDataSource implements DataSource {
    private final String url;
    private final Properties info = new Properties();
    private final Dialect dialect;

    UnpooledDataSource(String url, String user, String password, Map<String, String> properties,
        Dialect dialect) {
      this.url = url;
      this.dialect = dialect;
      info.putAll(properties);
      if (user != null) {
        info.setProperty("user", user);
      }
      if (password != null) {
        info.setProperty("password", password);
      }
    }

    /**
     * Opens a connection. Connections are opened and closed per unit of work, so one thread may open the
     * database while another's close is still shutting the last instance down; the engine names that failure
     * ({@link Dialect#isPassingOpenFailure}) and the open is tried again for a moment.
     */
    @Override
    public Connection getConnection() throws SQLException {
      long deadline = System.nanoTime() + OPEN_RETRY_MILLIS * 1_000_000;
      while (true) {
        try {
          return JdbcDrivers.connect(url, info);
        } catch (SQLException e) {
          if (!dialect.driver().isPassingOpenFailure(e) || System.nanoTime() > deadline) {
            throw e;
          }
          java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
      }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      throw new SQLFeatureNotSupportedException("credentials come from the configuration");
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
