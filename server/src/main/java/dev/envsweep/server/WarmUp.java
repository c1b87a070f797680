package dev.envsweep.server;

import dev.envsweep.core.config.ConfigLoader;
import dev.envsweep.core.config.EnvsweepConfig;
import dev.envsweep.dialects.Dialects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads and initialises the HTTP side of the server (Jetty, Avatica's protobuf handler, JdbcMeta) on a
 * background thread while the main thread reads the configuration and opens the state store: on two cores the
 * two halves of start-up overlap instead of following each other (measured: about a third of the time from
 * launch to the first answered request). Nothing here has side effects beyond class initialisation; a class
 * that fails to load is simply loaded again, and reported, where it is really used.
 */
final class WarmUp {
  private WarmUp() {}

  /** Roots whose static initialisation pulls in most of what serving the first request needs. */
  static final List<String> CLASSES = List.of(
      "org.eclipse.jetty.server.Server",
      "org.eclipse.jetty.server.ServerConnector",
      "org.eclipse.jetty.server.HttpConnectionFactory",
      "org.eclipse.jetty.server.HttpChannelOverHttp",
      "org.eclipse.jetty.http.HttpParser",
      "org.eclipse.jetty.http.HttpGenerator",
      "org.eclipse.jetty.security.ConstraintSecurityHandler",
      "org.apache.calcite.avatica.server.HttpServer",
      "org.apache.calcite.avatica.server.AvaticaProtobufHandler",
      "org.apache.calcite.avatica.remote.ProtobufTranslationImpl",
      "org.apache.calcite.avatica.proto.Common",
      "org.apache.calcite.avatica.proto.Requests",
      "org.apache.calcite.avatica.proto.Responses",
      "dev.envsweep.core.meta.EnvsweepMeta",
      "org.apache.calcite.avatica.remote.LocalService",
      "org.apache.calcite.avatica.MetaImpl");

  /**
   * Starts warming up: the HTTP side on one thread, and on another the JDBC drivers {@code config} mentions (the
   * embedded default's, DuckDB, when there is no file).
   */
  static void start(Path config) {
    thread("envsweep-warm-up", WarmUp::load);
    thread("envsweep-driver-preload", () -> preloadDrivers(config));
  }

  private static void thread(String name, Runnable work) {
    Thread t = new Thread(work, name);
    t.setDaemon(true);
    t.start();
  }

  private static final Pattern JDBC_URL = Pattern.compile("jdbc:[^\\s'\"]+");

  /**
   * Preloads the driver of every engine whose JDBC URL appears in the configuration's text. A plain scan, not a
   * parse: it runs while the main thread parses the file, and it only decides what is loaded early, never what is
   * configured (a URL it misses is loaded when first used, as without it).
   */
  static void preloadDrivers(Path config) {
    Path file = config != null ? config : Path.of(ConfigLoader.DEFAULT_FILE_NAME);
    String text;
    try {
      text = Files.isRegularFile(file) ? Files.readString(file)
          : EnvsweepConfig.embedded(Path.of("").toAbsolutePath(), EnvsweepConfig.EMBEDDED_FILE, "")
              .defaultGatewayConfig().url();
    } catch (java.io.IOException | RuntimeException e) {
      return;
    }
    Set<Class<?>> done = new HashSet<>();
    Matcher m = JDBC_URL.matcher(text);
    while (m.find()) {
      Dialects.forUrl(m.group()).filter(d -> done.add(d.getClass())).ifPresent(d -> d.driver().preload());
    }
  }

  private static void load() {
    ClassLoader loader = WarmUp.class.getClassLoader();
    for (String name : CLASSES) {
      try {
        Class.forName(name, true, loader);
      } catch (ClassNotFoundException | LinkageError ignored) {
        // loaded again where it is used, and any error reported there
      }
    }
  }
}
