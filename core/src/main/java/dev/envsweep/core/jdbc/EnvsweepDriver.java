package dev.envsweep.core.jdbc;

import dev.envsweep.core.Envsweep;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * {@code jdbc:envsweep:[config path]}: envsweep in-process. Its statements run as commands and return result
 * sets; every other statement goes byte for byte to the default gateway. With no path, the configuration is
 * {@code envsweep.yaml} in the working directory, else the embedded DuckDB default.
 */
public final class EnvsweepDriver implements Driver {
  public static final String PREFIX = "jdbc:envsweep:";

  static {
    try {
      DriverManager.registerDriver(new EnvsweepDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    Envsweep envsweep = Runtimes.acquire(url);
    try {
      return EnvsweepConnection.open(envsweep, url, () -> Runtimes.release(url));
    } catch (SQLException | RuntimeException e) {
      Runtimes.release(url);
      throw e;
    }
  }

  /** A URL for connections to an already open runtime (a server's), valid until {@link #unbind}. */
  public static String bind(Envsweep envsweep) {
    return Runtimes.bind(envsweep);
  }

  public static void unbind(String url) {
    Runtimes.unbind(url);
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return new DriverPropertyInfo[0];
  }

  @Override
  public int getMajorVersion() {
    return 0;
  }

  @Override
  public int getMinorVersion() {
    return 1;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }
}
