package dev.envsweep.server;

import dev.envsweep.server.logging.LogSetup;
import dev.envsweep.core.config.ConfigException;
import dev.envsweep.core.config.Urls;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens the connection a command runs on. A server address ({@code http://host:port}) is tried in protobuf, the
 * default serialization, and on a JSON server (whose answer protobuf cannot parse) again in JSON; a full JDBC URL
 * is used as given, and a serialization mismatch is explained rather than reported as a parser error.
 */
final class Connections {
  private Connections() {}


  static final String DEFAULT_SERVER = "jdbc:avatica:remote:url=http://127.0.0.1:8765;serialization=protobuf";

  /** A server address or JDBC URL as the JDBC URL to open; none means the local default server. */
  static String jdbcUrl(String url) {
    return jdbcUrl(url, "protobuf");
  }

  static String jdbcUrl(String url, String serialization) {
    if (url == null) {
      return DEFAULT_SERVER;
    }
    if (isAddress(url)) {
      return "jdbc:avatica:remote:url=" + url + ";serialization=" + serialization;
    }
    return url;
  }

  private static boolean isAddress(String url) {
    return url.startsWith("http://") || url.startsWith("https://");
  }

  /** The connection for these options; the in-process configuration is checked before anything is opened. */
  static Connection open(Target target, boolean verbose) throws SQLException, ConfigException {
    // A one-shot command prints what each statement did itself: the server's line per statement would repeat it.
    LogSetup.setLevel(LogSetup.STATEMENTS, ch.qos.logback.classic.Level.WARN);
    if (target.url == null) {
      DatabaseFiles.requireExisting(Main.loadConfig(target.config));
      String jdbc = "jdbc:envsweep:" + (target.config == null ? "" : target.config.toAbsolutePath().toString());
      note(verbose, "in-process: " + jdbc);
      return DriverManager.getConnection(jdbc, new Properties());
    }
    // Avatica's driver logs a failed connection as a WARN with the parser's exception; this class says it better
    // (or retries in JSON), so that line is only noise.
    LogSetup.setLevel("org.apache.calcite.avatica.remote.Driver", ch.qos.logback.classic.Level.ERROR);
    Properties info = new Properties();
    if (target.user != null) {
      info.setProperty("authentication", "BASIC");
      info.setProperty("avatica_user", target.user);
      info.setProperty("avatica_password", String.valueOf(System.getenv("ENVSWEEP_PASSWORD")));
    }
    String jdbc = jdbcUrl(target.url);
    note(verbose, "connecting to " + Urls.withoutSecrets(jdbc));
    try {
      return DriverManager.getConnection(jdbc, info);
    } catch (RuntimeException | SQLException e) {
      String mismatch = mismatch(e);
      if (mismatch == null) {
        throw e;
      }
      if (isAddress(target.url) && mismatch.equals("json")) {
        String json = jdbcUrl(target.url, "json");
        note(verbose, "the server did not answer in protobuf; trying JSON: " + Urls.withoutSecrets(json));
        return DriverManager.getConnection(json, info);
      }
      throw new SQLException(explain(target.url, mismatch), "08001", e);
    }
  }

  /** "json" when a protobuf client met a JSON server, "protobuf" for the reverse, null when neither. */
  static String mismatch(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String name = t.getClass().getName();
      if (name.contains("InvalidProtocolBufferException")) {
        return "json";
      }
      if (name.startsWith("com.fasterxml.jackson.core.") || name.startsWith("com.fasterxml.jackson.databind.")) {
        return "protobuf";
      }
    }
    return null;
  }

  static String explain(String url, String serverSpeaks) {
    String client = serverSpeaks.equals("json") ? "protobuf" : "JSON";
    return "the server at " + Urls.withoutSecrets(url) + " did not answer in " + client + ": it probably serves "
        + serverSpeaks + " (serve --serialization " + serverSpeaks + "); put ;serialization=" + serverSpeaks
        + " in the JDBC URL, or pass --url http://host:port and envsweep detects it";
  }

  static void note(boolean verbose, String message) {
    if (verbose) {
      System.err.println("envsweep: " + message);
    }
  }
}
