package dev.envsweep.server;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.Service;

/**
 * Avatica sends server stack traces to clients and, for a plain SQLException, SQLSTATE 00000. This wraps the
 * service so that every failure reaches the client as its message and SQLSTATE alone (DESIGN section 8):
 * {@code Error 0 (42704) : ... environment 'x' does not exist}.
 */
final class CleanErrors {
  private CleanErrors() {}

  static Service wrap(Service service) {
    return (Service) Proxy.newProxyInstance(Service.class.getClassLoader(), new Class<?>[] {Service.class},
        (proxy, method, args) -> {
          try {
            return method.invoke(service, args);
          } catch (InvocationTargetException e) {
            throw clean(e.getCause());
          }
        });
  }

  static RuntimeException clean(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      // The client reacts to these itself (it reopens a connection the server forgot).
      if (c instanceof NoSuchConnectionException || c instanceof NoSuchStatementException) {
        return t instanceof RuntimeException r ? r : new RuntimeException(t);
      }
    }
    SQLException sql = null;
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SQLException s) {
        sql = s;
        break;
      }
    }
    String message;
    String state;
    if (sql != null) {
      message = sql.getMessage();
      state = sql.getSQLState() != null ? sql.getSQLState() : "HY000";
    } else {
      message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
      state = "XX000";
    }
    AvaticaRuntimeException clean = new AvaticaRuntimeException(message, 0, state, AvaticaSeverity.ERROR);
    clean.setStackTrace(new StackTraceElement[0]);
    return clean;
  }
}
