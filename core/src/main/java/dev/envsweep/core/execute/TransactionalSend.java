package dev.envsweep.core.execute;

import dev.envsweep.core.render.RenderedStep;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Sends an environment's drops as one transaction: one commit instead of one per statement (on DuckDB, one
 * sync of its write-ahead log instead of twenty for a table-target environment of twenty models). If a statement
 * or the commit fails, everything is rolled back and its rows forgotten: the caller then sends the statements one
 * by one as without a transaction, so every row says what that statement alone did, and whatever succeeds stays
 * dropped. A statement that timed out is not sent again (its timeout stands), so {@code janitor.statement_timeout}
 * is never waited for twice.
 */
final class TransactionalSend {
  private final DropSender sender;
  private final Connection connection;
  private final StatementResults results;

  TransactionalSend(DropSender sender, Connection connection, StatementResults results) {
    this.sender = sender;
    this.connection = connection;
    this.results = results;
  }

  /** A statement of a transaction failed: the transaction is to be rolled back and its statements sent again. */
  static final class RolledBack extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RolledBack() {
      super(null, null, false, false);
    }
  }

  /** True once committed; false once rolled back, with nothing recorded. */
  boolean committed(List<RenderedStep> steps) throws SQLException {
    connection.setAutoCommit(false);
    sender.inTransaction(true);
    try {
      for (RenderedStep step : steps) {
        sender.send(step);
      }
      connection.commit();
      return true;
    } catch (RolledBack | SQLException e) {
      connection.rollback();
      results.clear();
      return false;
    } finally {
      sender.inTransaction(false);
      connection.setAutoCommit(true);
    }
  }
}
