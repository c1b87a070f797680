package dev.envsweep.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A benchmark driver that hands out the real driver's connections behind {@code <prefix><real url>}, wrapped
 * in JDK proxies: what {@link CaptureDriver} and {@link LatencyDriver} have in common.
 */
abstract class WrappingDriver implements Driver {
  private final String prefix;

  WrappingDriver(String prefix) {
    this.prefix = prefix;
  }

  /** What a wrapper does with one call on the real object. */
  interface Handler {
    Object handle(Object target, Method method, Object[] args) throws Throwable;
  }

  /** {@code target} behind {@code type}, every call but unwrapping going through {@code handler}. */
  @SuppressWarnings("unchecked")
  static <T> T proxy(Class<T> type, T target, Handler handler) {
    InvocationHandler h = (p, method, args) -> {
      if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
        return invoke(target, method, args);
      }
      return handler.handle(target, method, args);
    };
    return (T) Proxy.newProxyInstance(WrappingDriver.class.getClassLoader(), new Class<?>[] {type}, h);
  }

  /** The call on the real object, its own exception rethrown as it is. */
  static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(prefix);
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
