package dev.envsweep.core.lifecycle;

import dev.envsweep.core.state.EnvsweepTables.HistoryRow;
import dev.envsweep.core.model.ResultRow;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One execution of one statement: its id, and the sequence numbers of the rows it records in
 * {@code sys.cleanup_history}, which give the rows' order in the result.
 */
public final class Run {
  private final String id = UUID.randomUUID().toString();
  private final String server;
  private final AtomicLong seq = new AtomicLong();
  private final java.util.EnumMap<dev.envsweep.core.model.Status, Long> byStatus =
      new java.util.EnumMap<>(dev.envsweep.core.model.Status.class);
  private long environments;
  private long objects;

  /** Hears of each batch's rows once they are committed (a streamed result); null: nobody listens. */
  private volatile java.util.function.Consumer<List<HistoryRow>> listener;

  Run(String server) {
    this.server = server;
  }

  void listen(java.util.function.Consumer<List<HistoryRow>> listener) {
    this.listener = listener;
  }

  /** A batch's rows, numbered, now committed to the history. */
  void committed(List<HistoryRow> rows) {
    java.util.function.Consumer<List<HistoryRow>> l = listener;
    if (l != null && !rows.isEmpty()) {
      l.accept(rows);
    }
  }

  /** The sequence number of the last row numbered so far; 0 before any. */
  long lastSeq() {
    return seq.get();
  }

  public String id() {
    return id;
  }

  /** The rows, numbered in order (contiguously, when batches record concurrently) and stamped, ready to append. */
  synchronized List<HistoryRow> number(List<ResultRow> rows) {
    long now = System.currentTimeMillis();
    List<HistoryRow> out = new ArrayList<>(rows.size());
    String previous = null;
    for (ResultRow r : rows) {
      out.add(new HistoryRow(id, seq.incrementAndGet(), now, r, server));
      byStatus.merge(r.status(), 1L, Long::sum);
      if (!dev.envsweep.core.model.ObjectKinds.ENVIRONMENT.equals(r.objectKind())) {
        objects++;
      }
      // An environment's rows are numbered together, so a change of name is a new environment.
      if (r.environment() != null && !r.environment().equals(previous)) {
        environments++;
      }
      previous = r.environment();
    }
    return out;
  }

  /** What the run has numbered so far. */
  public synchronized RunSummary summary() {
    return new RunSummary(environments, objects, byStatus);
  }
}
