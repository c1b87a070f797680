package dev.envsweep.core.meta;

import dev.envsweep.core.meta.JdbcResults.Kind;
import dev.envsweep.core.model.ResultRow;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.avatica.ColumnMetaData;

/**
 * The columns every envsweep statement returns, in order, and a row's values in them. Display sizes are what
 * a console client such as sqlline should give each column (an unbounded VARCHAR's would push every other
 * column off the screen).
 */
final class LifecycleColumns {
  private LifecycleColumns() {}

  static final List<ColumnMetaData> COLUMNS = List.of(
      JdbcResults.column(0, "environment", Kind.VARCHAR, 32, true),
      JdbcResults.column(1, "gateway", Kind.VARCHAR, 16, true),
      JdbcResults.column(2, "object_kind", Kind.VARCHAR, 11, false),
      JdbcResults.column(3, "object_name", Kind.VARCHAR, 64, true),
      JdbcResults.column(4, "sql", Kind.VARCHAR, 100, true),
      JdbcResults.column(5, "status", Kind.VARCHAR, 11, false),
      JdbcResults.column(6, "message", Kind.VARCHAR, 100, true),
      JdbcResults.column(7, "elapsed_ms", Kind.BIGINT, 20, false));

  /** {@code note}: appended to the message, or null. */
  static List<Object> values(ResultRow r, String note) {
    String message = note == null ? r.message() : r.message() == null || r.message().isEmpty() ? note
        : r.message() + "; " + note;
    return Arrays.asList(r.environment(), r.gateway(), r.objectKind(), r.objectName(), r.sql(), r.status().name(),
        message, r.elapsedMs());
  }
}
