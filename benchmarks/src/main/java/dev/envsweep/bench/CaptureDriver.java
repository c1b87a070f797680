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

  /** What an entry of the log is: a statement, or a change of transaction on its connection. */
  enum Kind { STATEMENT, MANUAL_COMMIT, AUTO_COMMIT, COMMIT, ROLLBACK }

  /**
   * One statement as sent: its SQL and, for a prepared statement, each execution's parameters; or a transaction
   * event. {@code lane} tells connections apart: a connection takes the lowest lane no open connection holds, so
   * a replay needs only as many connections as envsweep had open at once.
   */
  public record Sent(String sql, List<TreeMap<Integer, Object>> parameterSets, long nanos, int lane, Kind kind) {
    Sent(String sql, List<TreeMap<Integer, Object>> parameterSets, long nanos) {
      this(sql, parameterSets, nanos, 0, Kind.STATEMENT);
    }

    boolean prepared() {
      return parameterSets != null;
    }
  }

  private static final java.util.BitSet LANES = new java.util.BitSet();

  private static int takeLane() {
    synchronized (LANES) {
      int lane = LANES.nextClearBit(0);
      LANES.set(lane);
      return lane;
    }
  }

  private static void freeLane(int lane) {
    synchronized (LANES) {
      LANES.clear(lane);
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
    int lane = takeLane();
    boolean[] manual = {false};
    return proxy(Connection.class, real, (target, method, args) -> {
      String name = method.getName();
      if (name.equals("commit") || name.equals("rollback")) {
        long start = System.nanoTime();
        Object r = invoke(target, method, args);
        TIMINGS.add(new Sent(name.toUpperCase(java.util.Locale.ROOT), null, System.nanoTime() - start));
        if (manual[0]) {
          LOG.add(new Sent(null, null, 0, lane, name.equals("commit") ? Kind.COMMIT : Kind.ROLLBACK));
        }
        return r;
      }
      if (name.equals("setAutoCommit") && (Boolean) args[0] == manual[0]) {
        manual[0] = !(Boolean) args[0];
        LOG.add(new Sent(null, null, 0, lane, manual[0] ? Kind.MANUAL_COMMIT : Kind.AUTO_COMMIT));
      }
      if (name.equals("close") && !((Connection) target).isClosed()) {
        if (manual[0]) {
          // closing in a transaction rolls it back (DuckDB; pools reset the connection before that)
          LOG.add(new Sent(null, null, 0, lane, Kind.ROLLBACK));
          LOG.add(new Sent(null, null, 0, lane, Kind.AUTO_COMMIT));
        }
        freeLane(lane);
      }
      Object result = invoke(target, method, args);
      if (result instanceof PreparedStatement ps && name.startsWith("prepare")) {
        return preparedProxy(ps, (String) args[0], lane);
      }
      if (result instanceof Statement s && name.equals("createStatement")) {
        return statementProxy(s, lane);
      }
      return result;
    });
  }

  private static Statement statementProxy(Statement real, int lane) {
    List<String> batch = new ArrayList<>();
    return proxy(Statement.class, real, (target, method, args) -> {
      String name = method.getName();
      if (name.startsWith("execute") && !name.equals("executeBatch") && args != null && args.length > 0
          && args[0] instanceof String sql) {
        LOG.add(new Sent(sql, null, 0, lane, Kind.STATEMENT));
      } else if (name.equals("addBatch")) {
        batch.add((String) args[0]);
      } else if (name.equals("executeBatch")) {
        batch.forEach(sql -> LOG.add(new Sent(sql, null, 0, lane, Kind.STATEMENT)));
        batch.clear();
      }
      return timed(name, name.startsWith("execute") && args != null && args.length > 0 ? (String) args[0] : "batch",
          target, method, args);
    });
  }

  private static PreparedStatement preparedProxy(PreparedStatement real, String sql, int lane) {
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
        LOG.add(new Sent(sql, List.copyOf(batch), 0, lane, Kind.STATEMENT));
        batch.clear();
      } else if ((name.equals("execute") || name.equals("executeQuery") || name.equals("executeUpdate")
          || name.equals("executeLargeUpdate")) && (args == null || args.length == 0)) {
        LOG.add(new Sent(sql, List.of(new TreeMap<>(current[0])), 0, lane, Kind.STATEMENT));
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
