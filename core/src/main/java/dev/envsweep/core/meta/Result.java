package dev.envsweep.core.meta;

import dev.envsweep.core.lifecycle.ResultPages;
import dev.envsweep.core.model.ResultRow;
import dev.envsweep.core.sys.SystemSchema;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Deque;
import java.util.List;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.util.DateTimeUtils;

/**
 * What one execution of a statement produced and a client reads: an update count, or rows pulled a frame at a
 * time from where they are (a JDBC result set, or envsweep's recorded pages), so that envsweep never holds more
 * than a frame of them.
 */
interface Result extends AutoCloseable {

  /** The column layout; empty for an update count. */
  List<ColumnMetaData> columns();

  /** The update count, or -1 when there are rows. */
  long updateCount();

  /** Up to {@code max} more rows; fewer only at the end. */
  List<Object> next(int max) throws SQLException;

  /** Whether every row has been read. */
  boolean done();

  @Override
  void close();

  /** A statement that returned no rows. */
  static Result count(long updateCount) {
    return new Result() {
      @Override
      public List<ColumnMetaData> columns() {
        return List.of();
      }

      @Override
      public long updateCount() {
        return updateCount;
      }

      @Override
      public List<Object> next(int max) {
        return List.of();
      }

      @Override
      public boolean done() {
        return true;
      }

      @Override
      public void close() {}
    };
  }

  /** A few rows already in hand (a metadata answer). */
  static Result of(List<ColumnMetaData> columns, List<List<Object>> rows) {
    return new Result() {
      private int next;

      @Override
      public List<ColumnMetaData> columns() {
        return columns;
      }

      @Override
      public long updateCount() {
        return -1;
      }

      @Override
      public List<Object> next(int max) {
        int end = Math.min(rows.size(), next + max);
        List<Object> out = new ArrayList<>(rows.subList(next, end));
        next = end;
        return out;
      }

      @Override
      public boolean done() {
        return next >= rows.size();
      }

      @Override
      public void close() {
        next = rows.size();
      }
    };
  }

  /** Rows of a JDBC result set, read as they are fetched; closing closes it and the statement that made it. */
  final class Rows implements Result {
    private final ResultSet rows;
    private final Statement owner;
    private final List<ColumnMetaData> columns;
    private final JdbcResults.Kind[] kinds;
    private final boolean system;
    private final Calendar utc = DateTimeUtils.calendar();
    private boolean done;

    /** {@code owner}: closed with the rows (a statement made for this execution), or null. */
    Rows(ResultSet rows, Statement owner) throws SQLException {
      this(rows, owner, List.of(), false);
    }

    /**
     * The rows of a {@code sys} query: unnamed columns labelled as {@code labels} say, and an error while fetching
     * restated as {@link SystemSchema#translate} restates one at execute.
     */
    Rows(ResultSet rows, Statement owner, List<String> labels) throws SQLException {
      this(rows, owner, labels, true);
    }

    private Rows(ResultSet rows, Statement owner, List<String> labels, boolean system) throws SQLException {
      this.system = system;
      this.rows = rows;
      this.owner = owner;
      this.columns = JdbcResults.columns(rows.getMetaData(), labels);
      this.kinds = JdbcResults.kinds(rows.getMetaData());
    }

    @Override
    public List<ColumnMetaData> columns() {
      return columns;
    }

    @Override
    public long updateCount() {
      return -1;
    }

    @Override
    public List<Object> next(int max) throws SQLException {
      List<Object> out = new ArrayList<>(Math.min(max, 1024));
      try {
        while (!done && out.size() < max) {
          if (rows.next()) {
            out.add(JdbcResults.row(rows, kinds, utc));
          } else {
            done = true;
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (system) {
          throw SystemSchema.translate(e);
        }
        throw e;
      }
      return out;
    }

    @Override
    public boolean done() {
      return done;
    }

    @Override
    public void close() {
      Closing.quietly(rows);
      Closing.quietly(owner);
    }
  }

  /** The rows of one of envsweep's statements, as its pages hand them out. */
  final class Pages implements Result {
    private final ResultPages pages;
    private final String note;
    /** The run the rows come from while it may still be going (a streamed cleanup), or null. */
    private final Running run;
    private final Deque<ResultRow> pending = new ArrayDeque<>();
    private boolean done;
    /** Whether a frame went out: the first waits to be full (or the end), later ones go with what is ready. */
    private boolean started;

    /** {@code note}: appended to every row's message (what a client under autocommit off must know), or null. */
    Pages(ResultPages pages, String note) {
      this(pages, note, null);
    }

    /** As {@link #Pages(ResultPages, String)}; an error after a stop of {@code run} says why it stopped. */
    Pages(ResultPages pages, String note, Running run) {
      this.pages = pages;
      this.note = note;
      this.run = run;
    }

    @Override
    public List<ColumnMetaData> columns() {
      return LifecycleColumns.COLUMNS;
    }

    /** The statement's rows, and what its run recorded. */
    ResultPages pages() {
      return pages;
    }

    @Override
    public long updateCount() {
      return -1;
    }

    @Override
    public List<Object> next(int max) throws SQLException {
      List<Object> out = new ArrayList<>(Math.min(max, 1024));
      while (out.size() < max) {
        if (pending.isEmpty()) {
          if (done || (started && !out.isEmpty() && !pages.ready())) {
            // What is here goes now and a streamed cleanup's next batch comes in the next frame. The first frame
            // still waits for its rows or the end, so a cleanup that fits in it fails (58000) at execute, as
            // every JDBC client handles; a longer one's failure comes with the fetch after its last rows.
            break;
          }
          List<ResultRow> page;
          try {
            page = pages.next();
          } catch (SQLException e) {
            throw run != null && run.stopped() ? run.stoppedError(e) : e;
          }
          if (page.isEmpty()) {
            done = true;
            break;
          }
          pending.addAll(page);
        }
        out.add(LifecycleColumns.values(pending.poll(), note));
      }
      started = true;
      return out;
    }

    @Override
    public boolean done() {
      return done && pending.isEmpty();
    }

    @Override
    public void close() {
      pending.clear();
      done = true;
    }
  }
}
