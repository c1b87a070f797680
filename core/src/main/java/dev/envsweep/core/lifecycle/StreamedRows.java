package dev.envsweep.core.lifecycle;

import dev.envsweep.core.model.ResultRow;
import dev.envsweep.core.state.EnvsweepTables;
import dev.envsweep.core.state.EnvsweepTables.HistoryRow;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A cleanup's rows while it runs on a thread of its own: each batch's rows reach the client as soon as the batch
 * has committed, handed over in memory, with no second pass over the history. Memory stays independent of the
 * backlog: at most {@link #MAX_BUFFERED} rows wait for a slow client, and past that the cleanup goes on without
 * waiting for it while the client reads the rest back from {@code cleanup_history} (where every row is recorded
 * anyway), in order, from the last row it got; so is any row recorded outside a batch (retried orphans). A
 * client that disconnects loses nothing: the cleanup finishes and the history has it all. The cleanup's own
 * error, if it ends with one, comes after its rows.
 */
final class StreamedRows implements ResultPages {
  /** Rows held for a client that reads slower than the cleanup commits. */
  static final int MAX_BUFFERED = 10_000;

  /** The cleanup, given the run to record under. */
  interface Body {
    void run(Run run) throws SQLException;
  }

  private final EnvsweepTables tables;
  private final Run run;
  private final int pageSize;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Deque<HistoryRow> buffer = new ArrayDeque<>();
  /** The highest sequence number committed so far. */
  private long committedSeq;
  /** The last sequence number handed to the client. */
  private long deliveredSeq;
  private boolean finished;
  private Throwable failure;

  private StreamedRows(EnvsweepTables tables, Run run, int pageSize) {
    this.tables = tables;
    this.run = run;
    this.pageSize = pageSize;
  }

  /**
   * Starts {@code body} on {@code thread} and returns its rows as they come; {@code finished} runs on that thread
   * once the cleanup has ended, however it ended, before the client can read the end.
   */
  static StreamedRows start(EnvsweepTables tables, Run run, int pageSize, Body body, Runnable finished,
      java.util.concurrent.Executor thread) {
    StreamedRows rows = new StreamedRows(tables, run, pageSize);
    run.listen(rows::committed);
    thread.execute(() -> {
      Throwable error = null;
      try {
        body.run(run);
      } catch (SQLException | RuntimeException | Error e) {
        error = e;
      } finally {
        // The statement is over for sys.sessions before its client can see the end of its rows.
        try {
          finished.run();
        } finally {
          rows.finish(error);
        }
      }
    });
    return rows;
  }

  private void committed(List<HistoryRow> rows) {
    lock.lock();
    try {
      committedSeq = Math.max(committedSeq, rows.get(rows.size() - 1).seq());
      // Rows that do not fit are read back from the history; so is any gap before the buffer's first row.
      if (buffer.size() + rows.size() <= MAX_BUFFERED) {
        buffer.addAll(rows);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void finish(Throwable error) {
    lock.lock();
    try {
      committedSeq = Math.max(committedSeq, run.lastSeq());
      finished = true;
      failure = error;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<ResultRow> next() throws SQLException {
    long readFrom;
    long readUpTo;
    lock.lock();
    try {
      while (true) {
        // Rows already delivered from the history are dropped from the buffer.
        while (!buffer.isEmpty() && buffer.peekFirst().seq() <= deliveredSeq) {
          buffer.pollFirst();
        }
        if (!buffer.isEmpty() && buffer.peekFirst().seq() == deliveredSeq + 1) {
          List<ResultRow> out = new ArrayList<>(Math.min(buffer.size(), pageSize));
          while (!buffer.isEmpty() && out.size() < pageSize && buffer.peekFirst().seq() == deliveredSeq + 1) {
            HistoryRow r = buffer.pollFirst();
            deliveredSeq = r.seq();
            out.add(r.row());
          }
          return out;
        }
        long gapEnd = buffer.isEmpty() ? committedSeq : buffer.peekFirst().seq() - 1;
        if (gapEnd > deliveredSeq) {
          readFrom = deliveredSeq;
          readUpTo = gapEnd;
          break;
        }
        if (finished) {
          if (failure instanceof SQLException e) {
            throw e;
          }
          if (failure instanceof RuntimeException e) {
            throw e;
          }
          if (failure instanceof Error e) {
            throw e;
          }
          return List.of();
        }
        changed.awaitUninterruptibly();
      }
    } finally {
      lock.unlock();
    }
    // Rows not buffered (a slow client, or recorded outside a batch): from the history, outside the lock.
    List<ResultRow> out = new ArrayList<>();
    for (HistoryRow r : tables.runPage(run.id(), readFrom, (int) Math.min(pageSize, readUpTo - readFrom))) {
      out.add(r.row());
      lock.lock();
      try {
        deliveredSeq = r.seq();
      } finally {
        lock.unlock();
      }
    }
    return out;
  }

  @Override
  public boolean ready() {
    lock.lock();
    try {
      return finished || committedSeq > deliveredSeq;
    } finally {
      lock.unlock();
    }
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
