package dev.envsweep.dialects;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;

/**
 * DuckDB's JDBC driver: a {@code jdbc:duckdb:<file>} URL opens one local file that a single process may write,
 * its errors carry no SQLSTATE (their type starts the message), and its native library is slow to load the first
 * time. MotherDuck's URLs ({@code jdbc:duckdb:md:}) go through the same driver to a service: no local file, so
 * connections may stay idle in the pool.
 */
final class DuckDbDriver implements EngineDriver {
  private final boolean localFile;

  /** @param localFile whether URLs open a local database file (DuckDB) rather than a service (MotherDuck) */
  DuckDbDriver(boolean localFile) {
    this.localFile = localFile;
  }

  @Override
  public Optional<Path> localDatabaseFile(String jdbcUrl) {
    if (!localFile) {
      return Optional.empty();
    }
    String rest = jdbcUrl.substring("jdbc:duckdb:".length());
    int query = rest.indexOf('?');
    if (query >= 0) {
      rest = rest.substring(0, query);
    }
    if (rest.isEmpty() || rest.equals(":memory:") || rest.startsWith(":memory:") || rest.startsWith("md:")) {
      return Optional.empty();
    }
    return Optional.of(Path.of(rest).toAbsolutePath().normalize());
  }

  private static final java.util.regex.Pattern LOCK_CONFLICT =
      java.util.regex.Pattern.compile("Could not set lock on file \"([^\"]+)\".*?\\(PID (\\d+)\\)",
          java.util.regex.Pattern.DOTALL);

  /** DuckDB's lock conflict, in words, with what to do about it. */
  @Override
  public Optional<String> explainConnectionFailure(SQLException e, String jdbcUrl) {
    String message = String.valueOf(e.getMessage());
    java.util.regex.Matcher m = LOCK_CONFLICT.matcher(message);
    if (!m.find()) {
      return Optional.empty();
    }
    long pid = Long.parseLong(m.group(2));
    // The holder's own address, when it is an envsweep server that left its marker beside the file.
    Optional<String> url = ServeMarker.read(Path.of(m.group(1))).filter(h -> h.pid() == pid && h.url() != null)
        .map(ServeMarker.Holder::url);
    if (url.isPresent()) {
      return Optional.of(m.group(1) + " is in use by the envsweep server at " + url.get() + " (PID " + pid + "); "
          + "DuckDB allows one process per file: send this through that server (CLI: --url " + url.get()
          + "), or stop it");
    }
    return Optional.of(m.group(1) + " is in use by another process (PID " + pid + "); DuckDB allows one "
        + "process per file: stop that process, or, if it is an envsweep server, send this through it "
        + "(CLI: --url http://HOST:PORT, the address its start banner printed)");
  }

  /** DuckDB names its error types at the start of the message; the driver sets no SQLSTATE. */
  @Override
  public String sqlStateOf(SQLException e) {
    String m = String.valueOf(e.getMessage()).strip();
    if (m.startsWith("Parser Error")) {
      return "42601";
    } else if (m.startsWith("Catalog Error")) {
      return m.contains("does not exist") ? "42P01" : "42710";
    } else if (m.startsWith("Binder Error")) {
      return "42703";
    } else if (m.startsWith("Conversion Error") || m.startsWith("Invalid Input Error")) {
      return "22018";
    } else if (m.startsWith("Constraint Error")) {
      return "23000";
    } else if (m.startsWith("TransactionContext Error")) {
      return "40001";
    } else if (m.startsWith("IO Error")) {
      return "58030";
    } else if (m.startsWith("Permission Error")) {
      return "42501";
    } else if (m.startsWith("Out of Range Error")) {
      return "22003";
    } else if (m.startsWith("INTERRUPT Error")) {
      return "57014";
    }
    return "HY000";
  }

  /** DuckDB's driver types base tables as the information schema does. */
  @Override
  public String standardTableType(String driverTableType) {
    return "BASE TABLE".equals(driverTableType) ? "TABLE" : driverTableType;
  }

  /**
   * DuckDB's driver copies its 57 MB native library to a temporary file and loads it when first used (about
   * 0.2 s); loading its native class does that.
   */
  @Override
  public void preload() {
    try {
      Class.forName("org.duckdb.DuckDBNative", true, DuckDbDriver.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError ignored) {
      // reported where the driver is used
    }
  }

  /**
   * The driver shares one database instance per file among a process's connections and shuts it down with the
   * last one: a connection opened while that shutdown still holds the file fails with this, and succeeds once it
   * is done (seen when the background janitor and a client's first connection met at start-up). A file held by
   * another process is a different error and is not retried.
   */
  @Override
  public boolean isPassingOpenFailure(SQLException e) {
    return e.getMessage() != null && e.getMessage().contains("Unique file handle conflict");
  }

  /** DuckDB locks its file against every other process: hold it only while working. */
  @Override
  public boolean keepsIdleConnections() {
    return !localFile;
  }
}
