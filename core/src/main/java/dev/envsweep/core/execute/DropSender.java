package dev.envsweep.core.execute;

import dev.envsweep.core.model.ResultRow;
import dev.envsweep.core.model.Status;
import dev.envsweep.core.render.RenderedStep;
import dev.envsweep.dialects.Dialect;
import dev.envsweep.dialects.ObjectKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends one environment's rendered drops on one gateway connection, in order, and records one row per statement:
 * DROPPED, SKIPPED where the catalogue check found the object absent, or FAILED with the driver's message. A
 * drop decided without sending keeps the row rendering gave it. Where the engine's DDL is transactional the
 * drops go as one transaction first ({@link TransactionalSend}). Nothing here renders SQL or touches the state
 * store.
 */
public final class DropSender {
  static final String TIMED_OUT = "timed out after ";

  private final String environment;
  private final String gateway;
  private final Connection connection;
  private final int timeoutSeconds;
  private final StatementResults results;
  /** Sending inside a transaction: a failed statement aborts it. */
  private boolean inTransaction;
  /** Statements that timed out inside a transaction since rolled back, with their failure rows. */
  private final Map<String, ResultRow> timedOutInTransaction = new HashMap<>();

  /** @param timeoutSeconds longest any statement may run ({@code janitor.statement_timeout}); 0: no limit */
  public DropSender(String environment, Gateway gateway, Connection connection, int timeoutSeconds,
      StatementResults results) {
    this.environment = environment;
    this.gateway = gateway.name();
    this.connection = connection;
    this.timeoutSeconds = timeoutSeconds;
    this.results = results;
  }

  /**
   * Sends every step: as one batch where the driver runs a batch atomically in one round trip, else as one
   * transaction where {@code dialect} allows it, else (or when that failed) one statement at a time.
   */
  public void send(List<RenderedStep> steps, Dialect dialect) throws SQLException {
    if (inOneTransaction(steps, dialect)) {
      boolean done = dialect.driver().atomicBatches() ? new BatchedSend(this, connection, timeoutSeconds,
          dialect.driver()::failedBatchEntry).sent(steps)
          : new TransactionalSend(this, connection, results).committed(steps);
      if (done) {
        return;
      }
    }
    for (RenderedStep step : steps) {
      send(step);
    }
  }

  /**
   * Whether an environment's drops on this gateway go out as one transaction: several views or schemas on an
   * engine whose DDL is transactional. Catalogs are left out (attaching and detaching DuckDB files cannot run in
   * a transaction, and their files are deleted after the statement).
   */
  private static boolean inOneTransaction(List<RenderedStep> steps, Dialect dialect) {
    return dialect.transactionalDdl() && steps.size() > 1
        && steps.stream().noneMatch(s -> s.object().kind() == ObjectKind.CATALOG);
  }

  void inTransaction(boolean inTransaction) {
    this.inTransaction = inTransaction;
  }

  /** Records a step that was sent with others and succeeded, each statement's row taking {@code elapsedMs}. */
  void recordSucceeded(RenderedStep step, long elapsedMs) {
    if (step instanceof RenderedStep.Decided d) {
      results.add(d.object(), d.row());
      return;
    }
    RenderedStep.Send s = (RenderedStep.Send) step;
    for (String sql : s.statements()) {
      results.add(s.object(), row(s, sql, s.absent() ? Status.SKIPPED : Status.DROPPED,
          s.absent() ? "absent" : "dropped", elapsedMs));
    }
    deleteFiles(s);
  }

  /**
   * Remembers that {@code sql}, sent with others that were then rolled back, ran into the statement timeout, so
   * that sending the statements again one by one records its failure instead of waiting for it a second time.
   */
  void rememberIfTimedOut(RenderedStep.Send step, String sql, SQLException e, long startNanos) {
    String message = failure(e, startNanos);
    if (message.startsWith(TIMED_OUT)) {
      timedOutInTransaction.put(sql, row(step, sql, Status.FAILED, message, elapsed(startNanos)));
    }
  }

  /** Sends one step's statements; inside a transaction a failure throws {@link TransactionalSend.RolledBack}. */
  void send(RenderedStep step) {
    if (step instanceof RenderedStep.Decided d) {
      results.add(d.object(), d.row());
      return;
    }
    RenderedStep.Send s = (RenderedStep.Send) step;
    for (String sql : s.statements()) {
      ResultRow timedOutBefore = timedOutInTransaction.get(sql);
      if (timedOutBefore != null) {
        results.add(s.object(), timedOutBefore);
        return;
      }
      long start = System.nanoTime();
      try (Statement statement = connection.createStatement()) {
        statement.setQueryTimeout(timeoutSeconds);
        statement.execute(sql);
      } catch (SQLException e) {
        ResultRow failed = row(s, sql, Status.FAILED, failure(e, start), elapsed(start));
        if (inTransaction) {
          if (failed.message().startsWith(TIMED_OUT)) {
            timedOutInTransaction.put(sql, failed);
          }
          throw new TransactionalSend.RolledBack();
        }
        results.add(s.object(), failed);
        return;
      }
      results.add(s.object(), row(s, sql, s.absent() ? Status.SKIPPED : Status.DROPPED,
          s.absent() ? "absent" : "dropped", elapsed(start)));
    }
    deleteFiles(s);
  }

  /** The driver's message, saying so when the statement ran into {@code janitor.statement_timeout}. */
  private String failure(SQLException e, long startNanos) {
    boolean timedOut = e instanceof java.sql.SQLTimeoutException || (timeoutSeconds > 0
        && elapsed(startNanos) >= timeoutSeconds * 1000L - 50 && "57014".equals(e.getSQLState()));
    return timedOut ? TIMED_OUT + timeoutSeconds + " s (janitor.statement_timeout): " + e.getMessage()
        : e.getMessage();
  }

  /** DuckDB catalog files, after a successful DETACH; the dialect only names files inside catalog_dir. */
  private void deleteFiles(RenderedStep.Send step) {
    List<String> deleted = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (Path file : step.filesToDelete()) {
      try {
        if (Files.deleteIfExists(file)) {
          deleted.add(file.toString());
        }
      } catch (IOException e) {
        failures.add(file + ": " + e.getMessage());
      }
    }
    if (deleted.isEmpty() && failures.isEmpty()) {
      return;
    }
    ResultRow last = results.last();
    String message = last.message();
    if (!deleted.isEmpty()) {
      message += "; deleted file " + String.join(", ", deleted);
    }
    Status status = last.status() == Status.SKIPPED && !deleted.isEmpty() ? Status.DROPPED : last.status();
    if (!failures.isEmpty()) {
      status = Status.FAILED;
      message += "; could not delete " + String.join(", ", failures);
    }
    results.replaceLast(new ResultRow(last.environment(), last.gateway(), last.objectKind(), last.objectName(),
        last.sql(), status, message, last.elapsedMs()));
  }

  private ResultRow row(RenderedStep.Send step, String sql, Status status, String message, long ms) {
    return new ResultRow(environment, gateway, step.object().kind().name(), step.objectName(), sql, status,
        message, ms);
  }

  private static long elapsed(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
