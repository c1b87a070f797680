package dev.envsweep.core.sys;

import java.sql.SQLException;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerator;

/** A Calcite table scan that reads the state store a page at a time, as the query consumes rows. */
abstract class PagedEnumerable extends AbstractEnumerable<Object[]> {

  /** The page after the last row of the previous one ({@code null} before the first); empty at the end. */
  abstract List<Object[]> page(Object[] last) throws SQLException;

  @Override
  public Enumerator<Object[]> enumerator() {
    return new Enumerator<>() {
      private Iterator<Object[]> page = Collections.emptyIterator();
      private Object[] current;
      private Object[] last;
      private boolean done;

      @Override
      public Object[] current() {
        return current;
      }

      @Override
      public boolean moveNext() {
        while (!page.hasNext()) {
          if (done) {
            return false;
          }
          List<Object[]> next;
          try {
            next = page(last);
          } catch (SQLException e) {
            throw new SystemTableException(e);
          }
          if (next.isEmpty()) {
            done = true;
            return false;
          }
          last = next.get(next.size() - 1);
          page = next.iterator();
        }
        current = page.next();
        return true;
      }

      @Override
      public void reset() {
        page = Collections.emptyIterator();
        current = null;
        last = null;
        done = false;
      }

      @Override
      public void close() {}
    };
  }

  /** A state store failure while Calcite pulls rows; unwrapped into an SQLException for the client. */
  static final class SystemTableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SystemTableException(SQLException cause) {
      super(cause.getMessage(), cause);
    }
  }
}
