package dev.envsweep.core.lifecycle;

import dev.envsweep.core.model.ResultRow;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Rows computed as the client reads them, one environment at a time from pages of names: what EXPLAIN returns,
 * since it records nothing to read back and must not hold a backlog in memory.
 */
final class LazyPages implements ResultPages {

  /** A page of names after {@code after}, in name order; empty at the end. */
  interface NamePages {
    List<String> page(String after, int limit) throws SQLException;
  }

  /** The rows of one name (possibly none). */
  interface RowsOf {
    List<ResultRow> rows(String name) throws SQLException;
  }

  private final NamePages names;
  private final RowsOf rowsOf;
  private final int pageSize;
  private final Deque<String> pending = new ArrayDeque<>();
  private String after = "";
  private boolean exhausted;

  LazyPages(NamePages names, RowsOf rowsOf, int pageSize) {
    this.names = names;
    this.rowsOf = rowsOf;
    this.pageSize = pageSize;
  }

  @Override
  public List<ResultRow> next() throws SQLException {
    while (true) {
      if (pending.isEmpty() && !exhausted) {
        List<String> page = names.page(after, pageSize);
        exhausted = page.isEmpty();
        if (!exhausted) {
          after = page.get(page.size() - 1);
          pending.addAll(page);
        }
      }
      if (pending.isEmpty()) {
        return List.of();
      }
      List<ResultRow> rows = rowsOf.rows(pending.poll());
      if (!rows.isEmpty()) {
        return rows;
      }
    }
  }

  @Override
  public String runId() {
    return null;
  }
}
