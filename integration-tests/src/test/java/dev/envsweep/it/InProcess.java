package dev.envsweep.it;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

/**
 * {@code jdbc:envsweep:} as a JVM application uses it: the built jar on its own class path, its driver called
 * directly. The jar gets a class loader of its own (sharing only the JDK), so its Avatica, DuckDB and
 * PostgreSQL classes are its own and not this module's shaded Avatica client.
 */
final class InProcess {
  private InProcess() {}

  private static Driver driver;

  static synchronized Driver driver() {
    if (driver == null) {
      try {
        ClassLoader jar = new URLClassLoader(new URL[] {ServerProcess.JAR.toUri().toURL()},
            ClassLoader.getPlatformClassLoader());
        driver = (Driver) Class.forName("dev.envsweep.core.meta.EnvsweepDriver", true, jar)
            .getDeclaredConstructor().newInstance();
      } catch (MalformedURLException | ReflectiveOperationException e) {
        throw new IllegalStateException("cannot load envsweep's driver from " + ServerProcess.JAR, e);
      }
    }
    return driver;
  }

  /** A connection to the configuration at {@code config}. */
  static Connection connect(Path config) throws SQLException {
    return driver().connect("jdbc:envsweep:" + config, new Properties());
  }
}
