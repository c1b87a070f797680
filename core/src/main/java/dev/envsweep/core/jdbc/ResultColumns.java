package dev.envsweep.core.jdbc;

import dev.envsweep.core.lifecycle.ResultPages;
import dev.envsweep.core.model.ResultRow;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The columns every envsweep statement returns, in order (DESIGN section 3), and the rows' mapping to them. */
final class ResultColumns {
  private ResultColumns() {}

  static final List<Column> COLUMNS = List.of(
      Column.varchar("environment", 32),
      Column.varchar("gateway", 16),
      Column.varchar("object_kind", 11),
      Column.varchar("object_name", 64),
      Column.varchar("sql", 100),
      Column.varchar("status", 11),
      Column.varchar("message", 100),
      Column.bigint("elapsed_ms"));

  static Object[] values(ResultRow r) {
    return new Object[] {r.environment(), r.gateway(), r.objectKind(), r.objectName(), r.sql(),
        r.status().name(), r.message(), r.elapsedMs()};
  }

  /** A result set reading the statement's rows page by page. */
  static PagedResultSet resultSet(ResultPages pages, Statement statement) {
    return new PagedResultSet(COLUMNS, () -> {
      List<Object[]> out = new ArrayList<>();
      for (ResultRow r : pages.next()) {
        out.add(values(r));
      }
      return out;
    }, statement);
  }

  static RowMetaData metaData() {
    return new RowMetaData(COLUMNS);
  }
}
