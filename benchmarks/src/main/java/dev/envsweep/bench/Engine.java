package dev.envsweep.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

  /** One gateway {@code wh} on this database (and the state store with it), through the capture driver if asked. */
  String config(boolean capture, int maxParallelDrops, int pageSize) {
    return config(capture ? CaptureDriver.PREFIX : "", maxParallelDrops, pageSize);
  }

  /** As {@link #config(boolean, int, int)}, the URL behind {@code urlPrefix} (a wrapping driver's). */
  String config(String urlPrefix, int maxParallelDrops, int pageSize) {
    return "gateways:\n  wh:\n    url: " + urlPrefix + url() + "\n    dialect: " + name()
        + "\n" + (user() == null ? "" : "    user: " + user() + "\n") + "    max_parallel_drops: " + maxParallelDrops
        + "\njanitor:\n  page_size: " + pageSize + "\n";
  }

  Connection connect() throws SQLException {
    return user() == null ? DriverManager.getConnection(url()) : DriverManager.getConnection(url(), user(), "");
  }

  /** Embedded PostgreSQL: the real server binaries, one server for the whole run. */
  static final class Postgres extends Engine {
    private final EmbeddedPostgres server;

    Postgres() throws IOException {
      server = EmbeddedPostgres.builder().setServerConfig("max_connections", "200")
          .setServerConfig("fsync", "off").start();
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

    @Override
    Connection fresh() throws Exception {
      Files.deleteIfExists(dir.resolve(CATALOG + ".duckdb"));
      Files.deleteIfExists(dir.resolve(CATALOG + ".duckdb.wal"));
      return connect();
    }

    @Override
    String url() {
      return "jdbc:duckdb:" + dir.resolve(CATALOG + ".duckdb");
    }

    @Override
    String user() {
      return null;
    }

    @Override
    public void close() throws IOException {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    }
  }
}
