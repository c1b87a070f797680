package dev.envsweep.core.lifecycle;

import dev.envsweep.core.execute.DropSender;
import dev.envsweep.core.execute.Gateway;
import dev.envsweep.core.execute.GatewayOutcome;
import dev.envsweep.core.execute.StatementResults;
import dev.envsweep.core.model.ResultRow;
import dev.envsweep.core.plan.GatewayPlan;
import dev.envsweep.core.render.CatalogueSnapshot;
import dev.envsweep.core.render.DropRenderer;
import dev.envsweep.core.render.OwnershipGuard;
import dev.envsweep.core.render.PlannedRows;
import dev.envsweep.core.render.RenderedStep;
import dev.envsweep.dialects.DialectContext;
import dev.envsweep.dialects.DropMode;
import dev.envsweep.dialects.DropObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One environment's drops on one gateway, down the pipeline on one connection: the catalogue read for the
 * ownership guard (unless FORCE), the plan rendered into statements ({@code render}), then sent
 * ({@code execute}), or, for EXPLAIN, shown as PLANNED rows with nothing sent. A gateway that cannot be reached
 * fails each remaining drop with the reason; EXPLAIN then still shows the statements, without the catalogue's
 * verdict. Nothing here touches the state store.
 */
final class GatewayDrops {
  private final int timeoutSeconds;

  /** @param timeoutSeconds longest any statement may run on a gateway ({@code janitor.statement_timeout}); 0: none */
  GatewayDrops(int timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
  }

  GatewayDrops() {
    this(0);
  }

  /** Drops the plan's objects; never throws for a failed drop: failures are rows. */
  GatewayOutcome drop(String environment, GatewayPlan plan, Gateway gateway, DropMode mode) {
    return drop(environment, plan, gateway, mode, CatalogueSnapshot.NONE);
  }

  /** As {@link #drop(String, GatewayPlan, Gateway, DropMode)}, judging by {@code snapshot} where it can. */
  GatewayOutcome drop(String environment, GatewayPlan plan, Gateway gateway, DropMode mode,
      CatalogueSnapshot snapshot) {
    StatementResults results = new StatementResults();
    // One slot for this environment's drops on this gateway: they go one after another on one connection.
    gateway.acquireDropSlot();
    try {
      dropInto(results, environment, plan, gateway, mode, snapshot);
    } finally {
      gateway.releaseDropSlot();
    }
    return results.outcome();
  }

  private void dropInto(StatementResults results, String environment, GatewayPlan plan, Gateway gateway,
      DropMode mode, CatalogueSnapshot snapshot) {
    if (plan.drops().isEmpty()) {
      return;
    }
    DialectContext context = null;
    try (Connection c = gateway.connection()) {
      context = gateway.context(c);
      Optional<OwnershipGuard> guard;
      try {
        guard = OwnershipGuard.read(plan, gateway, mode, c, context, snapshot, timeoutSeconds);
      } catch (SQLException e) {
        for (DropObject drop : plan.drops()) {
          results.add(drop, listingFailed(environment, gateway, context, drop, e));
        }
        return;
      }
      List<RenderedStep> steps = new DropRenderer(environment, gateway, context, mode, guard.orElse(null), c, true)
          .render(plan.drops());
      new DropSender(environment, gateway, c, timeoutSeconds, results).send(steps, gateway.dialect());
    } catch (SQLException e) {
      String reason = reason(gateway, e);
      for (int i = results.size(); i < plan.drops().size(); i++) {
        DropObject drop = plan.drops().get(i);
        results.add(drop, DropRenderer.failed(environment, gateway, context, drop, null, reason));
      }
    }
  }

  /** The rows EXPLAIN shows: every statement that would be sent, in order; nothing is sent. */
  List<ResultRow> explain(String environment, GatewayPlan plan, Gateway gateway, DropMode mode) {
    List<ResultRow> rows = new ArrayList<>();
    if (plan.drops().isEmpty()) {
      return rows;
    }
    DialectContext context = null;
    try (Connection c = gateway.connection()) {
      context = gateway.context(c);
      Optional<OwnershipGuard> guard;
      try {
        guard = OwnershipGuard.read(plan, gateway, mode, c, context, CatalogueSnapshot.NONE, timeoutSeconds);
      } catch (SQLException e) {
        for (DropObject drop : plan.drops()) {
          rows.add(listingFailed(environment, gateway, context, drop, e));
        }
        return rows;
      }
      rows.addAll(PlannedRows.of(environment, gateway.name(),
          new DropRenderer(environment, gateway, context, mode, guard.orElse(null), c, false).render(plan.drops()),
          null));
    } catch (SQLException e) {
      String reason = reason(gateway, e);
      if (rows.isEmpty()) {
        // EXPLAIN of an unreachable gateway: the statements, without the catalogue's verdict.
        return PlannedRows.of(environment, gateway.name(),
            new DropRenderer(environment, gateway, gateway.context(), mode, null, null, false).render(plan.drops()),
            reason);
      }
      for (int i = rows.size(); i < plan.drops().size(); i++) {
        rows.add(DropRenderer.failed(environment, gateway, context, plan.drops().get(i), null, reason));
      }
    }
    return rows;
  }

  private static ResultRow listingFailed(String environment, Gateway gateway, DialectContext context,
      DropObject drop, SQLException e) {
    return DropRenderer.failed(environment, gateway, context, drop, null,
        "not sent: the ownership guard could not list the gateway's catalogue: " + e.getMessage());
  }

  /** A connection-level failure as the gateway's own: 08001 naming it, unless the driver already said 08. */
  private static String reason(Gateway gateway, SQLException e) {
    return (e.getSQLState() != null && e.getSQLState().startsWith("08") ? e : gateway.unreachable(e)).getMessage();
  }
}
