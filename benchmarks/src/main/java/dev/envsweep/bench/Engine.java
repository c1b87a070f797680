package dev.envsweep.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A database the benchmark runs on: a fresh, empty one per measurement, and how envsweep reaches it. */
abstract class Engine implements AutoCloseable {
  /** The warehouse's catalog (the database's name): SQLMesh writes it into every snapshot name. */
  static final String CATALOG = "bench";

  abstract String name();

  /** Drops and recreates the database; returns a plain JDBC connection to it. */
  abstract Connection fresh() throws Exception;

  /** The plain JDBC URL of the current database. */
  abstract String url();

  abstract String user();

  /**
   * One gateway {@code wh} on this database (and the state store with it), through the capture driver if asked;
   * {@code maxParallelDrops} 0 leaves it out, as a user's configuration does (the engine's default).
   */
  String config(boolean capture, int maxParallelDrops, int pageSize) {
    return config(capture ? CaptureDriver.PREFIX : "", maxParallelDrops, pageSize);
  }

  /** As {@link #config(boolean, int, int)}, the URL behind {@code urlPrefix} (a wrapping driver's). */
  String config(String urlPrefix, int maxParallelDrops, int pageSize) {
    return "gateways:\n  wh:\n    url: " + urlPrefix + url() + "\n    dialect: " + name()
        + "\n" + (user() == null ? "" : "    user: " + user() + "\n")
        + (maxParallelDrops > 0 ? "    max_parallel_drops: " + maxParallelDrops + "\n" : "")
        + "janitor:\n  page_size: " + pageSize + "\n";
  }

  Connection connect() throws SQLException {
    return user() == null ? DriverManager.getConnection(url()) : DriverManager.getConnection(url(), user(), "");
  }

  /** Embedded PostgreSQL: the real server binaries, one server for the whole run. */
  static final class Postgres extends Engine {
    private final EmbeddedPostgres server;

    Postgres() throws IOException {
      server = EmbeddedPostgres.builder().setServerConfig("max_connections", "200")
          .setServerConfig("fsync", "off")
          // The server's own statement log, for counting what envsweep sends (switched on only by --dump).
          .setServerConfig("logging_collector", "on").setServerConfig("log_directory", LOG_DIR.toString())
          .setServerConfig("log_filename", "postgresql.log").setServerConfig("log_rotation_size", "0").start();
    }

    static final java.nio.file.Path LOG_DIR = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"),
        "envsweep-bench-pglog-" + ProcessHandle.current().pid());

    /** The server's log file, where {@code log_statement = 'all'} writes each statement it runs. */
    java.nio.file.Path log() {
      return LOG_DIR.resolve("postgresql.log");
    }

    /** Switches PostgreSQL's statement log on or off for every session, at once. */
    void logStatements(boolean on) throws SQLException {
      try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        s.execute("ALTER SYSTEM SET log_statement = '" + (on ? "all" : "none") + "'");
        s.execute("SELECT pg_reload_conf()");
      }
    }

    @Override
    String name() {
      return "postgres";
    }

    @Override
    Connection fresh() throws Exception {
      try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + CATALOG + " WITH (FORCE)");
        s.execute("CREATE DATABASE " + CATALOG);
      }
      return connect();
    }

    /** The server's port, for psql. */
    int port() {
      return server.getPort();
    }

    @Override
    String url() {
      return server.getJdbcUrl("postgres", CATALOG);
    }

    @Override
    String user() {
      return "postgres";
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  /** An embedded DuckDB file, envsweep's default. */
  static final class DuckDb extends Engine {
    private final Path dir;

    DuckDb() throws IOException {
      dir = Files.createTempDirectory("envsweep-bench-duckdb-");
    }

    @Override
    String name() {
      return "duckdb";
    }

    /** Each fresh database in a directory of its own (the file name is the catalog's), so that a connection
     * some earlier step still holds cannot keep the old one alive under the new one's name. */
    private int generation;

    @Override
    Connection fresh() throws Exception {
      Path old = file().getParent();
      generation++;
      Files.createDirectories(file().getParent());
      try {
        for (String f : List.of(CATALOG + ".duckdb", CATALOG + ".duckdb.wal")) {
          Files.deleteIfExists(old.resolve(f));
        }
        Files.deleteIfExists(old);
      } catch (IOException ignored) {
        // left for close() to remove
      }
      return connect();
    }

    private Path file() {
      return dir.resolve("g" + generation).resolve(CATALOG + ".duckdb");
    }

    @Override
    String url() {
      return "jdbc:duckdb:" + file();
    }

    @Override
    String user() {
      return null;
    }

    @Override
    public void close() throws IOException {
      try (var files = Files.walk(dir)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
