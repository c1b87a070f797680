package dev.envsweep.core.sys;

import dev.envsweep.core.config.EnvsweepConfig;
import dev.envsweep.core.model.EnvironmentNames;
import dev.envsweep.core.state.InvalidStateException;
import dev.envsweep.core.state.StateStore;
import dev.envsweep.core.state.StateStore.EnvironmentRecord;
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

/**
 * {@code sys.environments}: SQLMesh's environments as rows, with their status by the state store's clock and
 * envsweep's protection rules (prod and pinned environments are PROD and PINNED whatever their expiry).
 */
final class EnvironmentsTable extends AbstractTable implements ScannableTable {
  private static final int PAGE = 500;

  private final StateStore state;
  private final EnvsweepConfig config;

  EnvironmentsTable(StateStore state, EnvsweepConfig config) {
    this.state = state;
    this.config = config;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory f) {
    return f.builder()
        .add("name", SqlTypeName.VARCHAR)
        .add("status", SqlTypeName.VARCHAR)
        .add("suffix_target", SqlTypeName.VARCHAR).nullable(true)
        .add("gateway_managed", SqlTypeName.BOOLEAN)
        .add("catalog_name_override", SqlTypeName.VARCHAR).nullable(true)
        .add("snapshot_count", SqlTypeName.INTEGER).nullable(true)
        .add("plan_id", SqlTypeName.VARCHAR).nullable(true)
        .add("expiration_ts", SqlTypeName.BIGINT).nullable(true)
        .add("expires_at", SqlTypeName.TIMESTAMP, 3).nullable(true)
        .add("finalized_at", SqlTypeName.TIMESTAMP, 3).nullable(true)
        .build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    final long now;
    try {
      now = state.now();
    } catch (SQLException e) {
      throw new PagedEnumerable.SystemTableException(e);
    }
    return new PagedEnumerable() {
      @Override
      List<Object[]> page(Object[] last) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (EnvironmentRecord r : state.page(last == null ? "" : (String) last[0], PAGE)) {
          rows.add(row(r, now));
        }
        return rows;
      }
    };
  }

  private Object[] row(EnvironmentRecord r, long now) {
    Integer snapshots;
    try {
      snapshots = r.snapshots().size();
    } catch (InvalidStateException e) {
      snapshots = null;
    }
    String sanitised = EnvironmentNames.sanitise(r.name());
    String status = sanitised.equals(EnvironmentNames.PROD) ? "PROD"
        : config.pinnedEnvironments().contains(sanitised) ? "PINNED"
        : r.expirationTs() != null && r.expirationTs() <= now ? "EXPIRED" : "LIVE";
    return new Object[] {r.name(), status, r.suffixTarget(), r.gatewayManaged() != null && r.gatewayManaged(),
        r.catalogNameOverride(), snapshots, r.planId(), r.expirationTs(), r.expirationTs(), r.finalizedTs()};
  }
}
