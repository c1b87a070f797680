package dev.envsweep.core.sys;

import dev.envsweep.core.state.EnvsweepTables;
import dev.envsweep.core.state.EnvsweepTables.HistoryRow;
import dev.envsweep.core.model.ResultRow;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.FilterableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code sys.cleanup_history}: every row every statement produced. A filter {@code run_id = '...'} is answered
 * from that run's rows alone (the filter stays for Calcite to re-check); anything else scans in pages.
 */
final class CleanupHistoryTable extends AbstractTable implements FilterableTable {
  private static final int PAGE = 1000;

  private final EnvsweepTables tables;

  CleanupHistoryTable(EnvsweepTables tables) {
    this.tables = tables;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory f) {
    return f.builder()
        .add("run_id", SqlTypeName.VARCHAR)
        .add("at", SqlTypeName.TIMESTAMP, 3)
        .add("environment", SqlTypeName.VARCHAR).nullable(true)
        .add("gateway", SqlTypeName.VARCHAR).nullable(true)
        .add("object_kind", SqlTypeName.VARCHAR).nullable(true)
        .add("object_name", SqlTypeName.VARCHAR).nullable(true)
        .add("sql", SqlTypeName.VARCHAR).nullable(true)
        .add("status", SqlTypeName.VARCHAR).nullable(true)
        .add("message", SqlTypeName.VARCHAR).nullable(true)
        .add("elapsed_ms", SqlTypeName.BIGINT).nullable(true)
        .add("server", SqlTypeName.VARCHAR).nullable(true)
        .build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root, List<RexNode> filters) {
    String runId = runIdFilter(filters);
    return new PagedEnumerable() {
      private long lastSeq;
      private String lastRun = "";

      @Override
      List<Object[]> page(Object[] last) throws SQLException {
        List<HistoryRow> page = runId != null ? tables.runPage(runId, lastSeq, PAGE)
            : tables.scanPage(lastRun, lastSeq, PAGE);
        List<Object[]> rows = new ArrayList<>(page.size());
        for (HistoryRow h : page) {
          ResultRow r = h.row();
          rows.add(new Object[] {h.runId(), h.atMs(), r.environment(), r.gateway(), r.objectKind(),
              r.objectName(), r.sql(), r.status().name(), r.message(), r.elapsedMs(), h.server()});
          lastSeq = h.seq();
          lastRun = h.runId();
        }
        return rows;
      }
    };
  }

  /** The literal of a top-level {@code run_id = '...'} conjunct, if there is one. */
  private static String runIdFilter(List<RexNode> filters) {
    for (RexNode filter : filters) {
      if (filter.getKind() == SqlKind.EQUALS && filter instanceof RexCall call) {
        RexNode a = call.getOperands().get(0);
        RexNode b = call.getOperands().get(1);
        if (b instanceof RexInputRef && a instanceof RexLiteral) {
          RexNode t = a;
          a = b;
          b = t;
        }
        if (a instanceof RexInputRef ref && ref.getIndex() == 0 && b instanceof RexLiteral literal) {
          String value = literal.getValueAs(String.class);
          if (value != null) {
            return value;
          }
        }
      }
    }
    return null;
  }
}
