package dev.envsweep.core.execute;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * The JDBC driver of a URL, looked up among the drivers on envsweep's own class path rather than through
 * {@link DriverManager}, which offers only drivers its caller's class loader can see and loads none by itself:
 * an application or a tool that loads envsweep's jar in a class loader of its own (DBeaver does, for every
 * driver) would otherwise find no DuckDB or PostgreSQL driver at all. A driver found nowhere else is still
 * looked for in DriverManager.
 */
final class JdbcDrivers {
  private JdbcDrivers() {}

  private static volatile List<Driver> ours;

  private static List<Driver> ours() {
    List<Driver> drivers = ours;
    if (drivers == null) {
      drivers = ServiceLoader.load(Driver.class, JdbcDrivers.class.getClassLoader()).stream()
          .map(p -> {
            try {
              return p.get();
            } catch (java.util.ServiceConfigurationError e) {
              return null;
            }
          })
          .filter(java.util.Objects::nonNull).toList();
      ours = drivers;
    }
    return drivers;
  }

  /** The driver that accepts {@code url}, or null when envsweep ships none (DriverManager is then asked). */
  static Driver forUrl(String url) {
    for (Driver d : ours()) {
      try {
        if (d.acceptsURL(url)) {
          return d;
        }
      } catch (SQLException ignored) {
        // a driver that cannot tell does not take the URL
      }
    }
    return null;
  }

  static Connection connect(String url, Properties info) throws SQLException {
    Driver d = forUrl(url);
    if (d == null) {
      return DriverManager.getConnection(url, info);
    }
    Connection c = d.connect(url, info);
    if (c == null) {
      throw new SQLException("no driver accepts " + url, "08001");
    }
    return c;
  }
}
