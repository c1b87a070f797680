package dev.envsweep.core.lifecycle;

import dev.envsweep.core.state.EnvsweepTables;
import dev.envsweep.core.state.EnvsweepTables.HistoryRow;
import dev.envsweep.core.model.ResultRow;
import java.sql.SQLException;
import java.util.List;

/** A run's rows, read back from {@code cleanup_history} in pages by sequence number. */
final class RecordedRows implements ResultPages {
  private final EnvsweepTables tables;
  private final Run run;
  private final int pageSize;
  private long lastSeq;

  RecordedRows(EnvsweepTables tables, Run run, int pageSize) {
    this.tables = tables;
    this.run = run;
    this.pageSize = pageSize;
  }

  @Override
  public List<ResultRow> next() throws SQLException {
    List<HistoryRow> page = tables.runPage(run.id(), lastSeq, pageSize);
    if (!page.isEmpty()) {
      lastSeq = page.get(page.size() - 1).seq();
    }
    return page.stream().map(HistoryRow::row).toList();
  }

  @Override
  public String runId() {
    return run.id();
  }

  @Override
  public RunSummary summary() {
    return run.summary();
  }
}
