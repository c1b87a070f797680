package dev.envsweep.core.sys;

import dev.envsweep.core.state.EnvsweepTables;
import dev.envsweep.core.model.Orphan;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/** {@code sys.orphans}: objects WARN ON FAILURE left behind, retried by every cleanup until they are gone. */
final class OrphansTable extends AbstractTable implements ScannableTable {
  private static final int PAGE = 500;

  private final EnvsweepTables tables;

  OrphansTable(EnvsweepTables tables) {
    this.tables = tables;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory f) {
    return f.builder()
        .add("environment", SqlTypeName.VARCHAR)
        .add("gateway", SqlTypeName.VARCHAR)
        .add("object_kind", SqlTypeName.VARCHAR)
        .add("object_name", SqlTypeName.VARCHAR)
        .add("left_at", SqlTypeName.TIMESTAMP, 3)
        .add("attempts", SqlTypeName.BIGINT)
        .add("last_error", SqlTypeName.VARCHAR).nullable(true)
        .add("id", SqlTypeName.VARCHAR)
        .build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    return new PagedEnumerable() {
      @Override
      List<Object[]> page(Object[] last) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (Orphan o : tables.orphanPage(last == null ? "" : (String) last[7], PAGE)) {
          rows.add(new Object[] {o.environment(), o.gateway(), o.object().kind().name(), o.displayName(),
              o.leftAtMs(), o.attempts(), o.lastError(), o.id()});
        }
        return rows;
      }
    };
  }
}
