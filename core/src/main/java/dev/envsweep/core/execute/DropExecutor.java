package dev.envsweep.core.execute;

import dev.envsweep.core.plan.GatewayPlan;
import dev.envsweep.core.state.ResultRow;
import dev.envsweep.core.state.Status;
import dev.envsweep.dialects.CatalogueObject;
import dev.envsweep.dialects.Dialect;
import dev.envsweep.dialects.DropMode;
import dev.envsweep.dialects.DropObject;
import dev.envsweep.dialects.ObjectKind;
import dev.envsweep.dialects.RenderedDrop;
import dev.envsweep.dialects.UnsupportedDropException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one environment's drops on one gateway: render each object in the gateway's dialect, list what exists
 * (the ownership guard, unless FORCE), send the statements in order on one connection, and describe every
 * statement as a {@link ResultRow}. A drop whose schema or catalog holds something the environment does not
 * own is not sent and fails with the foreign objects' names. Nothing here touches the state store.
 */
public final class DropExecutor {

  /** Runs the plan; never throws for a failed drop: failures are rows. */
  public List<ResultRow> execute(String environment, GatewayPlan plan, Gateway gateway, DropMode mode) {
    List<ResultRow> rows = new ArrayList<>();
    if (plan.drops().isEmpty()) {
      return rows;
    }
    Dialect dialect = gateway.dialect();
    try (Connection c = gateway.connection()) {
      OwnershipGuard guard = null;
      if (mode == DropMode.GUARDED) {
        try {
          List<CatalogueObject> listed = dialect.listCatalogue(new JdbcCatalogueReader(c), plan.drops(),
              gateway.context());
          guard = new OwnershipGuard(dialect, gateway.context(), listed, plan.ownedViews());
        } catch (SQLException e) {
          for (DropObject drop : plan.drops()) {
            rows.add(failed(environment, gateway, drop, null,
                "not sent: the ownership guard could not list the gateway's catalogue: " + e.getMessage()));
          }
          return rows;
        }
      }
      for (DropObject drop : plan.drops()) {
        drop(environment, drop, gateway, c, mode, guard, rows);
      }
    } catch (SQLException e) {
      // Could not connect (or close): every drop not yet described fails with the reason.
      SQLException reason = e.getSQLState() != null && e.getSQLState().startsWith("08") ? e
          : gateway.unreachable(e);
      for (int i = rows.size(); i < plan.drops().size(); i++) {
        rows.add(failed(environment, gateway, plan.drops().get(i), null, reason.getMessage()));
      }
    }
    return rows;
  }

  /** The rows EXPLAIN shows: every statement that would be sent, in order, nothing executed. */
  public List<ResultRow> explain(String environment, GatewayPlan plan, Gateway gateway, DropMode mode) {
    List<ResultRow> rows = new ArrayList<>();
    for (DropObject drop : plan.drops()) {
      try {
        RenderedDrop rendered = gateway.dialect().renderDrop(drop, mode, gateway.context());
        for (String sql : rendered.statements()) {
          rows.add(new ResultRow(environment, gateway.name(), drop.kind().name(), rendered.objectName(), sql,
              Status.PLANNED, plannedMessage(drop, mode, rendered), 0));
        }
      } catch (UnsupportedDropException e) {
        rows.add(failed(environment, gateway, drop, null, e.getMessage()));
      }
    }
    return rows;
  }

  private static String plannedMessage(DropObject drop, DropMode mode, RenderedDrop rendered) {
    String message = mode == DropMode.GUARDED && drop.kind() != ObjectKind.VIEW
        ? "sent only if the ownership guard finds nothing the environment does not own" : null;
    if (!rendered.filesToDelete().isEmpty()) {
      message = (message == null ? "" : message + "; ") + "then deletes " + rendered.filesToDelete().get(0);
    }
    return message;
  }

  private void drop(String environment, DropObject drop, Gateway gateway, Connection c, DropMode mode,
      OwnershipGuard guard, List<ResultRow> rows) {
    RenderedDrop rendered;
    try {
      rendered = gateway.dialect().renderDrop(drop, mode, gateway.context());
    } catch (UnsupportedDropException e) {
      rows.add(failed(environment, gateway, drop, null, e.getMessage()));
      return;
    }
    boolean absent = false;
    if (guard != null) {
      List<String> foreign = guard.foreignObjects(drop);
      if (!foreign.isEmpty()) {
        rows.add(new ResultRow(environment, gateway.name(), drop.kind().name(), rendered.objectName(),
            rendered.statements().get(0), Status.FAILED, "not sent: " + drop.kind().name().toLowerCase()
            + " " + rendered.objectName() + " holds objects environment '" + environment + "' does not own: "
            + String.join(", ", foreign), 0));
        return;
      }
      absent = !guard.exists(drop);
    }
    for (String sql : rendered.statements()) {
      long start = System.nanoTime();
      try (Statement s = c.createStatement()) {
        s.execute(sql);
      } catch (SQLException e) {
        rows.add(new ResultRow(environment, gateway.name(), drop.kind().name(), rendered.objectName(), sql,
            Status.FAILED, e.getMessage(), elapsed(start)));
        return;
      }
      rows.add(new ResultRow(environment, gateway.name(), drop.kind().name(), rendered.objectName(), sql,
          absent ? Status.SKIPPED : Status.DROPPED, absent ? "absent" : "dropped", elapsed(start)));
    }
    deleteFiles(rendered, rows);
  }

  /** DuckDB catalog files, after a successful DETACH; the dialect only names files inside catalog_dir. */
  private static void deleteFiles(RenderedDrop rendered, List<ResultRow> rows) {
    List<String> deleted = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (Path file : rendered.filesToDelete()) {
      try {
        if (Files.deleteIfExists(file)) {
          deleted.add(file.toString());
        }
      } catch (IOException e) {
        failures.add(file + ": " + e.getMessage());
      }
    }
    if (deleted.isEmpty() && failures.isEmpty()) {
      return;
    }
    ResultRow last = rows.remove(rows.size() - 1);
    String message = last.message();
    if (!deleted.isEmpty()) {
      message += "; deleted file " + String.join(", ", deleted);
    }
    Status status = last.status() == Status.SKIPPED && !deleted.isEmpty() ? Status.DROPPED : last.status();
    if (!failures.isEmpty()) {
      status = Status.FAILED;
      message += "; could not delete " + String.join(", ", failures);
    }
    rows.add(new ResultRow(last.environment(), last.gateway(), last.objectKind(), last.objectName(), last.sql(),
        status, message, last.elapsedMs()));
  }

  private static ResultRow failed(String environment, Gateway gateway, DropObject drop, String sql,
      String message) {
    String name;
    try {
      name = gateway.dialect().renderName(drop, gateway.context());
    } catch (UnsupportedDropException e) {
      name = drop.toString();
    }
    return new ResultRow(environment, gateway.name(), drop.kind().name(), name, sql, Status.FAILED, message, 0);
  }

  private static long elapsed(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
