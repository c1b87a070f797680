package dev.envsweep.core.render;

import dev.envsweep.core.execute.Gateway;
import dev.envsweep.core.model.ResultRow;
import dev.envsweep.core.model.Status;
import dev.envsweep.dialects.Dialect;
import dev.envsweep.dialects.DialectContext;
import dev.envsweep.dialects.DropMode;
import dev.envsweep.dialects.DropObject;
import dev.envsweep.dialects.ObjectKind;
import dev.envsweep.dialects.RenderedDrop;
import dev.envsweep.dialects.UnsupportedDropException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns one environment's drops on one gateway into {@link RenderedStep}s: each object in the gateway's dialect,
 * judged by the ownership guard (unless FORCE) and by the dialect's precondition, if it has one. A drop that would
 * remove something the environment does not own becomes a FAILED row naming the foreign objects instead of a
 * statement. Nothing here sends a drop; the only queries are the preconditions' checks.
 */
public final class DropRenderer {
  private final String environment;
  private final Gateway gateway;
  private final Dialect dialect;
  private final DialectContext context;
  private final DropMode mode;
  private final OwnershipGuard guard;
  private final Connection connection;
  private final boolean sending;

  /**
   * @param context the gateway's rendering context, completed on its connection where it could be
   * @param guard the guard's view of the catalogue; null under FORCE (or when the catalogue could not be read)
   * @param connection where preconditions are checked; null when the gateway is unreachable (they then hold)
   * @param sending whether the steps are to be sent (a refusal says "not sent") or explained ("would not be sent")
   */
  public DropRenderer(String environment, Gateway gateway, DialectContext context, DropMode mode,
      OwnershipGuard guard, Connection connection, boolean sending) {
    this.environment = environment;
    this.gateway = gateway;
    this.dialect = gateway.dialect();
    this.context = context;
    this.mode = mode;
    this.guard = guard;
    this.connection = connection;
    this.sending = sending;
  }

  /** One step per drop, in order. */
  public List<RenderedStep> render(List<DropObject> drops) {
    List<RenderedStep> steps = new ArrayList<>();
    for (DropObject drop : drops) {
      steps.add(render(drop));
    }
    return steps;
  }

  private RenderedStep render(DropObject drop) {
    if (drop.kind() == ObjectKind.CATALOG && !dialect.canDropCatalogs()) {
      return decided(drop, dialect.quoteIdentifier(drop.catalog()), null, Status.WARNING, "left behind: "
          + dialect.name() + " cannot drop catalogs; drop catalog " + drop.catalog() + " by hand if it is no "
          + "longer needed");
    }
    RenderedDrop rendered;
    try {
      rendered = dialect.renderDrop(drop, mode, context, guard == null ? List.of() : guard.contents(drop));
    } catch (UnsupportedDropException e) {
      return new RenderedStep.Decided(drop, failed(environment, gateway, context, drop, null,
          "Failed to drop the expired environment " + drop.kind().name().toLowerCase(Locale.ROOT) + " '"
          + SqlMeshNames.display(drop) + "': " + e.getMessage()));
    }
    boolean absent = false;
    if (guard != null && mode == DropMode.GUARDED) {
      List<String> foreign = guard.foreignObjects(drop);
      if (!foreign.isEmpty()) {
        return decided(drop, rendered.objectName(), rendered.statements().get(0), Status.FAILED,
            (sending ? "not sent: " : "would not be sent: ") + refusal(drop, rendered) + String.join(", ", foreign));
      }
      absent = !guard.exists(drop);
    }
    if (rendered.precondition() != null) {
      RenderedStep.Decided notHolding = checkPrecondition(drop, rendered);
      if (notHolding != null) {
        return notHolding;
      }
    }
    return new RenderedStep.Send(drop, rendered.objectName(), rendered.statements(), rendered.filesToDelete(),
        absent);
  }

  /** Runs the check; when it finds nothing, the object is reported left behind and nothing is sent. */
  private RenderedStep.Decided checkPrecondition(DropObject drop, RenderedDrop rendered) {
    if (connection == null) {
      return null;
    }
    String sql = rendered.precondition().sql();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      if (rs.next()) {
        return null;
      }
      return decided(drop, rendered.objectName(), sql, Status.WARNING, rendered.precondition().leftBehind());
    } catch (SQLException e) {
      return decided(drop, rendered.objectName(), sql, Status.FAILED, e.getMessage());
    }
  }

  private String refusal(DropObject drop, RenderedDrop rendered) {
    String what = drop.kind().name().toLowerCase(Locale.ROOT) + " " + rendered.objectName();
    return drop.kind() == ObjectKind.VIEW ? "other objects depend on " + what + ": "
        : what + " holds objects environment '" + environment + "' does not own: ";
  }

  private RenderedStep.Decided decided(DropObject drop, String name, String sql, Status status, String message) {
    return new RenderedStep.Decided(drop, new ResultRow(environment, gateway.name(), drop.kind().name(), name, sql,
        status, message, 0));
  }

  /**
   * A FAILED row for a drop that was not sent, named as the dialect writes it (as SQLMesh prints it when the
   * dialect cannot write it).
   *
   * @param context the context to render with; null for the gateway's configured one
   */
  public static ResultRow failed(String environment, Gateway gateway, DialectContext context, DropObject drop,
      String sql, String message) {
    String name;
    try {
      name = gateway.dialect().renderName(drop, context == null ? gateway.context() : context);
    } catch (UnsupportedDropException e) {
      name = SqlMeshNames.display(drop);
    }
    return new ResultRow(environment, gateway.name(), drop.kind().name(), name, sql, Status.FAILED, message, 0);
  }
}
