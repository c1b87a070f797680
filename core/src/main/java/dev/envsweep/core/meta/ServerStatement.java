package dev.envsweep.core.meta;

/**
 * One client statement as the server keeps it: what it prepared, if anything, and the result its client is
 * reading, with the rows sent so far and the row limit that caps them.
 */
final class ServerStatement {
  final int id;
  private Prepared prepared;
  private Result result;
  private long sent;
  private long maxRows;

  ServerStatement(int id) {
    this.id = id;
  }

  synchronized Prepared prepared() {
    return prepared;
  }

  synchronized void prepared(Prepared p) {
    if (prepared != null && prepared != p) {
      prepared.close();
    }
    prepared = p;
  }

  /** Replaces the open result: the previous one is closed, as JDBC closes a statement's result when it runs again. */
  synchronized void open(Result r, long maxRows) {
    closeResult();
    result = r;
    sent = 0;
    this.maxRows = maxRows;
  }

  synchronized Result result() {
    return result;
  }

  synchronized long sent() {
    return sent;
  }

  /** Rows that may still be sent under the row limit, at most {@code wanted}. */
  synchronized int allowance(int wanted) {
    return maxRows > 0 ? (int) Math.max(0, Math.min(wanted, maxRows - sent)) : wanted;
  }

  synchronized void sent(int rows) {
    sent += rows;
  }

  synchronized boolean limitReached() {
    return maxRows > 0 && sent >= maxRows;
  }

  synchronized void closeResult() {
    if (result != null) {
      result.close();
      result = null;
    }
  }

  synchronized void close() {
    closeResult();
    if (prepared != null) {
      prepared.close();
      prepared = null;
    }
  }
}
