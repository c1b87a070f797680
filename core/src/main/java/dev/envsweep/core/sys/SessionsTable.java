package dev.envsweep.core.sys;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code sys.sessions}: every open client connection of this server (or in-process driver), who opened it and
 * from where, and the statement it is running now with its start and how long it has run (NULL when idle). A
 * session's id is what {@code CALL sys.cancel_statement(session_id)} takes, as PostgreSQL's
 * {@code pg_cancel_backend} takes a pid from {@code pg_stat_activity}. {@code user} is a reserved word in SQL:
 * quote it ({@code "user"}).
 */
final class SessionsTable extends AbstractTable implements ScannableTable {
  private final SessionSource source;

  SessionsTable(SessionSource source) {
    this.source = source;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory f) {
    return f.builder()
        .add("session_id", SqlTypeName.VARCHAR)
        .add("user", SqlTypeName.VARCHAR).nullable(true)
        .add("remote_address", SqlTypeName.VARCHAR).nullable(true)
        .add("statement", SqlTypeName.VARCHAR).nullable(true)
        .add("started_at", SqlTypeName.TIMESTAMP, 3).nullable(true)
        .add("elapsed_ms", SqlTypeName.BIGINT).nullable(true)
        .add("connected_at", SqlTypeName.TIMESTAMP, 3)
        .build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    long now = System.currentTimeMillis();
    List<Object[]> rows = new ArrayList<>();
    for (SessionSource.SessionRow s : source.sessions()) {
      rows.add(new Object[] {s.sessionId(), s.user(), s.remoteAddress(), s.statement(), s.startedAt(),
          s.startedAt() == null ? null : Math.max(0, now - s.startedAt()), s.connectedAt()});
    }
    return Linq4j.asEnumerable(rows);
  }
}
