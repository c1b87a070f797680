package dev.envsweep.it;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * {@code jdbc:killswitch:<k>:<real url>}: the real driver's connections, which print {@link #MARKER} on stderr
 * once the k-th DROP statement of the process has returned, so that {@code CrashConvergenceIT} can SIGKILL the
 * cleanup right then, inside it, however fast the cleanup has become. Found by envsweep's ServiceLoader lookup
 * when the integration tests' classes are on the victim's class path.
 */
public final class KillSwitchDriver implements Driver {
  static final String PREFIX = "jdbc:killswitch:";
  static final String MARKER = "killswitch: drop ";
  private static final AtomicInteger DROPS = new AtomicInteger();

  static {
    try {
      DriverManager.registerDriver(new KillSwitchDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  static String url(int afterDrops, String url) {
    return PREFIX + afterDrops + ":" + url;
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    String rest = url.substring(PREFIX.length());
    int k = Integer.parseInt(rest.substring(0, rest.indexOf(':')));
    Connection real = DriverManager.getConnection(rest.substring(rest.indexOf(':') + 1), info);
    return (Connection) Proxy.newProxyInstance(KillSwitchDriver.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          Object result = invoke(real, method, args);
          if (result instanceof Statement s && method.getName().equals("createStatement")) {
            return counting(s, k);
          }
          return result;
        });
  }

  /** A statement that counts the DROPs it ran and speaks up after the k-th. */
  private static Statement counting(Statement real, int k) {
    return (Statement) Proxy.newProxyInstance(KillSwitchDriver.class.getClassLoader(),
        new Class<?>[] {Statement.class}, (proxy, method, args) -> {
          Object result = invoke(real, method, args);
          if (method.getName().startsWith("execute") && args != null && args.length > 0
              && args[0] instanceof String sql && sql.strip().toUpperCase(Locale.ROOT).startsWith("DROP")) {
            if (DROPS.incrementAndGet() == k) {
              System.err.println(MARKER + k);
              System.err.flush();
            }
          }
          return result;
        });
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
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
    return 1;
  }

  @Override
  public int getMinorVersion() {
    return 0;
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
