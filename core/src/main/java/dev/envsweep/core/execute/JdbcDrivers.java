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

  /** The drivers on envsweep's class path, their classes loaded but not initialised. */
  private static volatile List<ServiceLoader.Provider<Driver>> providers;
  /** Each driver once initialised; empty for one that failed to. */
  private static final java.util.Map<Class<?>, java.util.Optional<Driver>> INSTANCES =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static List<ServiceLoader.Provider<Driver>> providers() {
    List<ServiceLoader.Provider<Driver>> list = providers;
    if (list == null) {
      list = ServiceLoader.load(Driver.class, JdbcDrivers.class.getClassLoader()).stream().toList();
      providers = list;
    }
    return list;
  }

  private static Driver instance(ServiceLoader.Provider<Driver> provider) {
    return INSTANCES.computeIfAbsent(provider.type(), type -> {
      try {
        return java.util.Optional.of(provider.get());
      } catch (java.util.ServiceConfigurationError e) {
        return java.util.Optional.empty();
      }
    }).orElse(null);
  }

  /**
   * The driver that accepts {@code url}, or null when envsweep ships none (DriverManager is then asked). Drivers
   * are initialised only as they are asked, those whose class name holds the URL's subprotocol
   * ({@code duckdb}, {@code postgresql}) first: initialising every driver on the class path (Calcite's and
   * Avatica's among them) was a third of opening a DuckDB state store, about 0.09 s of every start, measured.
   * The order only saves time; each driver's own {@code acceptsURL} decides.
   */
  static Driver forUrl(String url) {
    String subprotocol = subprotocol(url);
    for (boolean named : new boolean[] {true, false}) {
      for (ServiceLoader.Provider<Driver> provider : providers()) {
        if (named != (!subprotocol.isEmpty()
            && provider.type().getName().toLowerCase(java.util.Locale.ROOT).contains(subprotocol))) {
          continue;
        }
        Driver d = instance(provider);
        try {
          if (d != null && d.acceptsURL(url)) {
            return d;
          }
        } catch (SQLException ignored) {
          // a driver that cannot tell does not take the URL
        }
      }
    }
    return null;
  }

  /** {@code duckdb} of {@code jdbc:duckdb:/x}, lower case; empty when the URL has none. */
  static String subprotocol(String url) {
    String lower = url.toLowerCase(java.util.Locale.ROOT);
    if (!lower.startsWith("jdbc:")) {
      return "";
    }
    int end = lower.indexOf(':', 5);
    return end < 0 ? "" : lower.substring(5, end);
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
