package dev.envsweep.core.execute;

import dev.envsweep.core.plan.GatewayPlan;
import dev.envsweep.core.state.ResultRow;
import dev.envsweep.core.state.Status;
import dev.envsweep.dialects.CatalogueObject;
import dev.envsweep.dialects.Dialect;
import dev.envsweep.dialects.DialectContext;
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
      DialectContext context = gateway.context(c);
      List<DropObject> droppable = plan.drops().stream().filter(d -> d.kind() != ObjectKind.CATALOG
          || dialect.canDropCatalogs()).toList();
      OwnershipGuard guard = null;
      if (mode == DropMode.GUARDED) {
        try {
          List<CatalogueObject> listed = dialect.listCatalogue(new JdbcCatalogueReader(c), droppable, context);
          guard = new OwnershipGuard(dialect, context, listed, plan.ownedViews());
        } catch (SQLException e) {
          for (DropObject drop : plan.drops()) {
            rows.add(failed(environment, gateway, drop, null,
                "not sent: the ownership guard could not list the gateway's catalogue: " + e.getMessage()));
          }
          return rows;
        }
      }
      for (DropObject drop : plan.drops()) {
        drop(environment, drop, gateway, context, c, mode, guard, rows);
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
    DialectContext context = gateway.contextIfReachable();
    for (DropObject drop : plan.drops()) {
      if (drop.kind() == ObjectKind.CATALOG && !gateway.dialect().canDropCatalogs()) {
        rows.add(leftBehind(environment, gateway, drop));
        continue;
      }
      try {
        RenderedDrop rendered = gateway.dialect().renderDrop(drop, mode, context);
        for (String sql : rendered.statements()) {
          rows.add(new ResultRow(environment, gateway.name(), drop.kind().name(), rendered.objectName(), sql,
              Status.PLANNED, plannedMessage(drop, mode, rendered), 0));
        }
      } catch (UnsupportedDropException e) {
        rows.add(failed(environment, gateway, drop, null, sqlmeshFailure(drop, e)));
      }
    }
    return rows;
  }

  /**
   * A catalog-suffix environment's catalog on an engine that cannot drop catalogs: left behind, and said so
   * (SQLMesh silently skips it).
   */
  private static ResultRow leftBehind(String environment, Gateway gateway, DropObject drop) {
    return new ResultRow(environment, gateway.name(), drop.kind().name(), gateway.dialect().quoteIdentifier(
        drop.catalog()), null, Status.WARNING, "left behind: " + gateway.dialect().name() + " cannot drop "
        + "catalogs; drop catalog " + drop.catalog() + " by hand if it is no longer needed", 0);
  }

  /** SQLMesh's wording for a drop it cannot do: {@code Failed to drop the expired environment schema 'x': ...}. */
  private static String sqlmeshFailure(DropObject drop, UnsupportedDropException e) {
    return "Failed to drop the expired environment " + drop.kind().name().toLowerCase(java.util.Locale.ROOT) + " '"
        + SqlMeshNames.display(drop) + "': " + e.getMessage();
  }

  private static String plannedMessage(DropObject drop, DropMode mode, RenderedDrop rendered) {
    String message = mode == DropMode.GUARDED && drop.kind() != ObjectKind.VIEW
        ? "sent only if the ownership guard finds nothing the environment does not own" : null;
    if (!rendered.filesToDelete().isEmpty()) {
      message = (message == null ? "" : message + "; ") + "then deletes " + rendered.filesToDelete().get(0);
    }
    return message;
  }

  private void drop(String environment, DropObject drop, Gateway gateway, DialectContext context, Connection c,
      DropMode mode, OwnershipGuard guard, List<ResultRow> rows) {
    if (drop.kind() == ObjectKind.CATALOG && !gateway.dialect().canDropCatalogs()) {
      rows.add(leftBehind(environment, gateway, drop));
      return;
    }
    RenderedDrop rendered;
    try {
      rendered = gateway.dialect().renderDrop(drop, mode, context);
    } catch (UnsupportedDropException e) {
      rows.add(failed(environment, gateway, drop, null, sqlmeshFailure(drop, e)));
      return;
    }
    boolean absent = false;
    if (guard != null) {
      List<String> foreign = guard.foreignObjects(drop);
      if (!foreign.isEmpty()) {
        rows.add(new ResultRow(environment, gateway.name(), drop.kind().name(), rendered.objectName(),
            rendered.statements().get(0), Status.FAILED, "not sent: " + refusal(drop, rendered, environment)
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

  private static String refusal(DropObject drop, RenderedDrop rendered, String environment) {
    String what = drop.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + rendered.objectName();
    return drop.kind() == ObjectKind.VIEW ? "other objects depend on " + what + ": "
        : what + " holds objects environment '" + environment + "' does not own: ";
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
      name = SqlMeshNames.display(drop);
    }
    return new ResultRow(environment, gateway.name(), drop.kind().name(), name, sql, Status.FAILED, message, 0);
  }

  private static long elapsed(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
