package dev.envsweep.core.lifecycle;

import dev.envsweep.core.execute.Gateway;
import dev.envsweep.core.execute.GatewayOutcome;
import dev.envsweep.core.execute.Gateways;
import dev.envsweep.core.model.Orphan;
import dev.envsweep.core.model.ResultRow;
import dev.envsweep.core.model.Status;
import dev.envsweep.core.plan.GatewayPlan;
import dev.envsweep.core.state.EnvsweepTables;
import dev.envsweep.core.state.StateStore;
import dev.envsweep.dialects.DropMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Objects left behind by an earlier WARN ON FAILURE, tried again by every cleanup. Each orphan is its own unit of
 * work: locked against other janitors, dropped as it would have been, forgotten once gone. One still there is a
 * WARNING (it is known and recorded), not a failure of this cleanup.
 */
final class OrphanRetry {
  private final StateStore state;
  private final EnvsweepTables tables;
  private final Gateways gateways;
  private final GatewayDrops drops;
  private final int pageSize;

  OrphanRetry(StateStore state, EnvsweepTables tables, Gateways gateways, GatewayDrops drops, int pageSize) {
    this.state = state;
    this.tables = tables;
    this.gateways = gateways;
    this.drops = drops;
    this.pageSize = pageSize;
  }

  /** Every orphan, a page at a time; those now gone are forgotten. */
  void retryAll(Run run) throws SQLException {
    String after = "";
    while (true) {
      List<Orphan> page = tables.orphanPage(after, pageSize);
      if (page.isEmpty()) {
        return;
      }
      for (Orphan orphan : page) {
        retry(orphan, run);
      }
      after = page.get(page.size() - 1).id();
    }
  }

  /** One orphan; its rows, or none when another janitor holds it. */
  List<ResultRow> retry(Orphan candidate, Run run) throws SQLException {
    try (Connection c = state.connection()) {
      c.setAutoCommit(false);
      try {
        Orphan orphan = tables.lockOrphan(c, candidate.id());
        if (orphan == null) {
          c.rollback();
          return List.of();
        }
        List<ResultRow> rows = new ArrayList<>();
        Optional<Gateway> gateway = gateways.get(orphan.gateway());
        if (gateway.isEmpty()) {
          rows.add(new ResultRow(orphan.environment(), orphan.gateway(), orphan.object().kind().name(),
              orphan.displayName(), null, Status.WARNING, "still left behind (sys.orphans): gateway '"
              + orphan.gateway() + "' is no longer configured", 0));
          tables.orphanStillThere(c, orphan.id(), rows.get(0).message());
        } else {
          GatewayPlan plan = new GatewayPlan(orphan.gateway(), List.of(orphan.object()), orphan.ownedViews());
          GatewayOutcome outcome = drops.drop(orphan.environment(), plan, gateway.get(),
              orphan.force() ? DropMode.FORCE : DropMode.GUARDED);
          for (ResultRow r : outcome.rows()) {
            rows.add(r.failed() ? new ResultRow(r.environment(), r.gateway(), r.objectKind(), r.objectName(), r.sql(),
                Status.WARNING, "still left behind (sys.orphans): " + r.message(), r.elapsedMs()) : r);
          }
          if (outcome.failed().isEmpty()) {
            tables.deleteOrphan(c, orphan.id());
          } else {
            tables.orphanStillThere(c, orphan.id(), outcome.failed().values().iterator().next());
          }
        }
        tables.append(c, run.number(rows));
        c.commit();
        return rows;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }
}
