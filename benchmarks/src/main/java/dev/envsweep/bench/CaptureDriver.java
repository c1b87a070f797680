package dev.envsweep.bench;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;

/**
 * {@code jdbc:capture:<real url>}: a JDBC driver that hands out the real driver's connections and writes down,
 * in the order they run, every statement sent through them with its bound parameters. The benchmark points
 * envsweep at it to learn exactly what envsweep sends, then replays that over plain JDBC: the overhead floor.
 */
public final class CaptureDriver extends WrappingDriver {
  static final String PREFIX = "jdbc:capture:";

  CaptureDriver() {
    super(PREFIX);
  }

  /** One statement as sent: its SQL and, for a prepared statement, each execution's parameters. */
  public record Sent(String sql, List<TreeMap<Integer, Object>> parameterSets, long nanos) {
    Sent(String sql, List<TreeMap<Integer, Object>> parameterSets) {
      this(sql, parameterSets, 0);
    }

    boolean prepared() {
      return parameterSets != null;
    }
  }

  /** A NULL bound with {@code setNull}, and its type. */
  record Null(int sqlType) {}

  private static final List<Sent> LOG = Collections.synchronizedList(new ArrayList<>());
  /** Every statement and commit with how long the driver took, for {@code --dump}; never replayed. */
  private static final List<Sent> TIMINGS = Collections.synchronizedList(new ArrayList<>());

  static {
    try {
      DriverManager.registerDriver(new CaptureDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Makes sure the driver is registered. */
  static void register() {}

  /** Forgets what was captured so far. */
  static void clear() {
    LOG.clear();
    TIMINGS.clear();
  }

  static List<Sent> timings() {
    synchronized (TIMINGS) {
      return List.copyOf(TIMINGS);
    }
  }

  /** What was captured since the last {@link #clear()}, in order. */
  static List<Sent> captured() {
    synchronized (LOG) {
      return List.copyOf(LOG);
    }
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    Connection real = DriverManager.getConnection(url.substring(PREFIX.length()), info);
    return proxy(Connection.class, real, (target, method, args) -> {
      if (method.getName().equals("commit") || method.getName().equals("rollback")) {
        long start = System.nanoTime();
        Object r = invoke(target, method, args);
        TIMINGS.add(new Sent(method.getName().toUpperCase(java.util.Locale.ROOT), null, System.nanoTime() - start));
        return r;
      }
      Object result = invoke(target, method, args);
      if (result instanceof PreparedStatement ps && method.getName().startsWith("prepare")) {
        return preparedProxy(ps, (String) args[0]);
      }
      if (result instanceof Statement s && method.getName().equals("createStatement")) {
        return statementProxy(s);
      }
      return result;
    });
  }

  private static Statement statementProxy(Statement real) {
    List<String> batch = new ArrayList<>();
    return proxy(Statement.class, real, (target, method, args) -> {
      String name = method.getName();
      if (name.startsWith("execute") && !name.equals("executeBatch") && args != null && args.length > 0
          && args[0] instanceof String sql) {
        LOG.add(new Sent(sql, null));
      } else if (name.equals("addBatch")) {
        batch.add((String) args[0]);
      } else if (name.equals("executeBatch")) {
        batch.forEach(sql -> LOG.add(new Sent(sql, null)));
        batch.clear();
      }
      return timed(name, name.startsWith("execute") && args != null && args.length > 0 ? (String) args[0] : "batch",
          target, method, args);
    });
  }

  private static PreparedStatement preparedProxy(PreparedStatement real, String sql) {
    TreeMap<Integer, Object>[] current = new TreeMap[] {new TreeMap<>()};
    List<TreeMap<Integer, Object>> batch = new ArrayList<>();
    return proxy(PreparedStatement.class, real, (target, method, args) -> {
      String name = method.getName();
      if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index) {
        current[0].put(index, name.equals("setNull") ? new Null((Integer) args[1]) : args[1]);
      } else if (name.equals("clearParameters")) {
        current[0] = new TreeMap<>();
      } else if (name.equals("addBatch") && (args == null || args.length == 0)) {
        batch.add(new TreeMap<>(current[0]));
      } else if (name.equals("executeBatch")) {
        LOG.add(new Sent(sql, List.copyOf(batch)));
        batch.clear();
      } else if ((name.equals("execute") || name.equals("executeQuery") || name.equals("executeUpdate")
          || name.equals("executeLargeUpdate")) && (args == null || args.length == 0)) {
        LOG.add(new Sent(sql, List.of(new TreeMap<>(current[0]))));
      }
      return timed(name, sql, target, method, args);
    });
  }

  private static Object timed(String method, String sql, Object target, Method m, Object[] args) throws Throwable {
    if (!method.startsWith("execute")) {
      return invoke(target, m, args);
    }
    long start = System.nanoTime();
    try {
      return invoke(target, m, args);
    } finally {
      TIMINGS.add(new Sent(sql, null, System.nanoTime() - start));
    }
  }
}
