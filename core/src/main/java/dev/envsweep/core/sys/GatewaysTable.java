package dev.envsweep.core.sys;

import dev.envsweep.core.execute.Gateway;
import dev.envsweep.core.execute.Gateway.PoolStats;
import dev.envsweep.core.execute.Gateways;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code sys.gateways}: each configured warehouse, its dialect, its URL with secrets hidden, whether it answers
 * right now (each scan takes and checks one connection per gateway, waiting at most its connection timeout), and
 * its pool's counters (NULL for DuckDB, whose connections are not pooled so its file stays free for SQLMesh).
 */
final class GatewaysTable extends AbstractTable implements ScannableTable {
  private final Gateways gateways;

  GatewaysTable(Gateways gateways) {
    this.gateways = gateways;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory f) {
    return f.builder()
        .add("name", SqlTypeName.VARCHAR)
        .add("dialect", SqlTypeName.VARCHAR)
        .add("url", SqlTypeName.VARCHAR)
        .add("is_default", SqlTypeName.BOOLEAN)
        .add("reachable", SqlTypeName.BOOLEAN)
        .add("error", SqlTypeName.VARCHAR).nullable(true)
        .add("pooled", SqlTypeName.BOOLEAN)
        .add("active_connections", SqlTypeName.INTEGER).nullable(true)
        .add("idle_connections", SqlTypeName.INTEGER).nullable(true)
        .add("total_connections", SqlTypeName.INTEGER).nullable(true)
        .add("waiting_threads", SqlTypeName.INTEGER).nullable(true)
        .add("max_connections", SqlTypeName.INTEGER).nullable(true)
        .build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    List<Object[]> rows = new ArrayList<>();
    for (Gateway g : gateways.all()) {
      Optional<String> error = g.probe();
      // Read after the probe, so that a pool the probe just started shows its connection.
      Optional<PoolStats> pool = g.poolStats();
      rows.add(new Object[] {g.name(), g.dialect().name(), g.config().safeUrl(),
          g.name().equals(gateways.defaultName()), error.isEmpty(), error.orElse(null), pool.isPresent(),
          pool.map(PoolStats::active).orElse(null), pool.map(PoolStats::idle).orElse(null),
          pool.map(PoolStats::total).orElse(null), pool.map(PoolStats::waiting).orElse(null),
          pool.map(PoolStats::max).orElse(null)});
    }
    return Linq4j.asEnumerable(rows);
  }
}
