package dev.envsweep.server;

import java.sql.SQLException;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.jdbc.JdbcMeta;

/**
 * Avatica's {@link JdbcMeta}, sending result rows in frames of at least {@link #MIN_FRAME_ROWS}. The stock remote
 * driver asks for 100 rows a frame, one HTTP round trip each; a cleanup answers with a row per statement sent
 * (21,000 for 1,000 environments of 20 views), and the round trips were most of the time between the cleanup's
 * end and the client's last row. A client that asks for more still gets what it asks, and a row limit
 * ({@code setMaxRows}) still caps a frame.
 */
final class LargeFrameMeta extends JdbcMeta {
  static final int MIN_FRAME_ROWS = 1_000;

  LargeFrameMeta(String url) throws SQLException {
    super(url);
  }

  @Override
  public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, int maxRowsInFirstFrame,
      PrepareCallback callback) throws NoSuchStatementException {
    return super.prepareAndExecute(h, sql, maxRowCount, frameRows(maxRowsInFirstFrame, maxRowCount), callback);
  }

  @Override
  public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
      throws NoSuchStatementException, MissingResultsException {
    return super.fetch(h, offset, frameRows(fetchMaxRowCount, 0));
  }

  /** The rows to send: at least the minimum, at most the statement's row limit; 0 and negatives mean as asked. */
  static int frameRows(int asked, long maxRowCount) {
    if (asked <= 0) {
      return asked;
    }
    long rows = Math.max(asked, MIN_FRAME_ROWS);
    if (maxRowCount > 0) {
      rows = Math.min(rows, Math.max(asked, maxRowCount));
    }
    return (int) rows;
  }
}
