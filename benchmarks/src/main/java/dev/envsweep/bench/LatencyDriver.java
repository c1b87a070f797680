package dev.envsweep.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code jdbc:latency:<ms>:<real url>}: the real driver's connections, each statement execution (a batch counts
 * once, as drivers pipeline it) and each commit first waiting {@code ms}, as a round trip to a warehouse across a
 * network would. The embedded PostgreSQL runs on the benchmark's own two cores, so its DDL is CPU-bound and
 * sending drops in parallel cannot show what it does against a remote warehouse, where most of a drop's time is
 * waiting; this makes that wait explicit and the same for envsweep and for the floor it is compared with.
 */
public final class LatencyDriver extends WrappingDriver {
  static final String PREFIX = "jdbc:latency:";
  private static final Set<String> ROUND_TRIPS = Set.of("execute", "executeQuery", "executeUpdate",
      "executeLargeUpdate", "executeBatch", "executeLargeBatch", "commit", "rollback");

  static {
    try {
      DriverManager.registerDriver(new LatencyDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  LatencyDriver() {
    super(PREFIX);
  }

  /** Makes sure the driver is registered. */
  static void register() {}

  /** {@code url} with every round trip delayed by {@code millis}. */
  static String url(int millis, String url) {
    return PREFIX + millis + ":" + url;
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    String rest = url.substring(PREFIX.length());
    long nanos = TimeUnit.MILLISECONDS.toNanos(Integer.parseInt(rest.substring(0, rest.indexOf(':'))));
    Connection real = DriverManager.getConnection(rest.substring(rest.indexOf(':') + 1), info);
    return delayed(Connection.class, real, nanos);
  }

  private static <T> T delayed(Class<T> type, T target, long nanos) {
    return proxy(type, target, (real, method, args) -> {
      if (ROUND_TRIPS.contains(method.getName())) {
        LockSupport.parkNanos(nanos);
      }
      Object result = invoke(real, method, args);
      if (result instanceof PreparedStatement ps && method.getName().startsWith("prepare")) {
        return delayed(PreparedStatement.class, ps, nanos);
      }
      if (result instanceof Statement s && method.getName().equals("createStatement")) {
        return delayed(Statement.class, s, nanos);
      }
      return result;
    });
  }
}
