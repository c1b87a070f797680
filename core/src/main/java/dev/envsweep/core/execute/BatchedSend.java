package dev.envsweep.core.execute;

import dev.envsweep.core.render.RenderedStep;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends an environment's drops as one JDBC batch, on engines whose driver sends a batch in one round trip and runs
 * it, under autocommit, as one implicit transaction ({@code EngineDriver.atomicBatches}: pgjdbc ends a batch with
 * a single Sync). Twenty views then cost one round trip and no BEGIN or COMMIT of their own, and vanish together.
 * If any statement fails, the whole batch is rolled back by the engine and nothing is recorded: the caller then
 * sends the statements one by one, as {@link TransactionalSend} does, so every row says what its own statement
 * did. A statement that timed out is marked so that it is not waited for twice.
 */
final class BatchedSend {
  private final DropSender sender;
  private final Connection connection;
  private final int timeoutSeconds;
  /** Which statement of a failed batch failed, or -1 (the driver's business: EngineDriver.failedBatchEntry). */
  private final java.util.function.ToIntFunction<BatchUpdateException> failedEntry;

  BatchedSend(DropSender sender, Connection connection, int timeoutSeconds,
      java.util.function.ToIntFunction<BatchUpdateException> failedEntry) {
    this.sender = sender;
    this.connection = connection;
    this.timeoutSeconds = timeoutSeconds;
    this.failedEntry = failedEntry;
  }

  /** True once every statement succeeded and its row is recorded; false with nothing recorded. */
  boolean sent(List<RenderedStep> steps) {
    List<String> statements = new ArrayList<>();
    List<RenderedStep.Send> stepOf = new ArrayList<>();
    for (RenderedStep step : steps) {
      if (step instanceof RenderedStep.Send s) {
        for (String sql : s.statements()) {
          statements.add(sql);
          stepOf.add(s);
        }
      }
    }
    long start = System.nanoTime();
    try (Statement batch = connection.createStatement()) {
      batch.setQueryTimeout(timeoutSeconds);
      for (String sql : statements) {
        batch.addBatch(sql);
      }
      batch.executeBatch();
    } catch (BatchUpdateException e) {
      int failedAt = failedEntry.applyAsInt(e);
      if (failedAt >= 0 && failedAt < statements.size()) {
        sender.rememberIfTimedOut(stepOf.get(failedAt), statements.get(failedAt), e.getNextException() != null ? e.getNextException()
            : e, start);
      }
      return false;
    } catch (SQLException e) {
      return false;
    }
    // The statements ran together: each row gets an equal share of the batch's time.
    long each = (System.nanoTime() - start) / 1_000_000 / Math.max(1, statements.size());
    for (RenderedStep step : steps) {
      sender.recordSucceeded(step, each);
    }
    return true;
  }
}
