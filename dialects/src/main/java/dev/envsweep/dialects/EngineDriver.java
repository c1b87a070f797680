package dev.envsweep.dialects;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;

/**
 * How an engine's JDBC driver behaves, apart from the SQL it is sent: whether its connections may sit idle in a
 * pool, which failures to open one pass by themselves, what its errors mean when it sets no SQLSTATE, and what
 * it needs loading before first use. {@link Dialect} says what to send; this says how the connection to send it
 * on behaves. Every answer has a default that suits a client-server engine; only engines whose driver differs
 * (DuckDB's, which opens one local file) have a class of their own.
 */
public interface EngineDriver {

  /** A driver of a database server: pooled connections, the driver's own messages and SQLSTATEs. */
  EngineDriver DEFAULT = new EngineDriver() {};

  /**
   * The local file a JDBC URL of this engine opens, for engines that keep a database in one file (DuckDB);
   * empty for servers and in-memory databases. It names the default {@code catalog_dir} and the file in
   * "in use by another process" messages.
   */
  default Optional<Path> localDatabaseFile(String jdbcUrl) {
    return Optional.empty();
  }

  /**
   * A plain-words explanation of a failure to connect, where the engine's own text is not one (DuckDB's file
   * lock); empty to keep the driver's message.
   */
  default Optional<String> explainConnectionFailure(SQLException e, String jdbcUrl) {
    return Optional.empty();
  }

  /**
   * The SQLSTATE for an error the engine's driver raised without one (DuckDB's driver sets none), so every
   * client sees a state; null keeps it as it is.
   */
  default String sqlStateOf(SQLException e) {
    return null;
  }

  /**
   * A table type as the driver's {@code DatabaseMetaData} names it, in the name JDBC clients ask for: tools
   * request {@code TABLE} and {@code VIEW}, and a driver that says {@code BASE TABLE} (DuckDB's) would list
   * no tables to them.
   */
  default String standardTableType(String driverTableType) {
    return driverTableType;
  }

  /**
   * Whether {@code Statement.executeBatch} sends a whole batch in one round trip and, under autocommit, runs it as
   * one implicit transaction, rolled back as a whole when one statement fails. pgjdbc does: it ends a batch with a
   * single Sync, and PostgreSQL treats everything up to a Sync as one transaction. An environment's drops then go
   * out as one batch, with no BEGIN and COMMIT of their own.
   */
  default boolean atomicBatches() {
    return false;
  }

  /**
   * Which statement of a failed {@link #atomicBatches() atomic batch} failed (from 0), or -1 when the driver does
   * not say: it reports every entry as failed, since all were rolled back.
   */
  default int failedBatchEntry(java.sql.BatchUpdateException e) {
    return -1;
  }

  /**
   * Whether connections should be kept idle in a pool. False for engines that lock a local file against every
   * other process (DuckDB): envsweep then holds the file only while it works.
   */
  default boolean keepsIdleConnections() {
    return true;
  }

  /**
   * Whether a failure to open a connection passes by itself in a moment (for engines whose connections are
   * opened per unit of work, {@link #keepsIdleConnections()} false), so opening again is worth it.
   */
  default boolean isPassingOpenFailure(SQLException e) {
    return false;
  }

  /**
   * Loads what this engine's JDBC driver needs before its first connection, where that is slow, so the server can
   * do it on a helper thread while it reads its configuration. Connects to nothing; a driver that is missing or
   * fails is left to fail, and be reported, where it is used.
   */
  default void preload() {}
}
