package dev.envsweep.core.render;

import dev.envsweep.core.execute.Gateway;
import dev.envsweep.core.plan.GatewayPlan;
import dev.envsweep.dialects.CatalogueObject;
import dev.envsweep.dialects.Dialect;
import dev.envsweep.dialects.DialectContext;
import dev.envsweep.dialects.DropMode;
import dev.envsweep.dialects.DropObject;
import dev.envsweep.dialects.ObjectKind;
import dev.envsweep.dialects.UnsupportedDropException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Never drop what the environment does not own (SQLMesh #4960 lost production tables through a CASCADE). Given the gateway's listing of everything the environment's drops touch, it answers for each drop
 * whether the object exists, and, for a schema or catalog, which objects inside it the environment does not
 * own: anything but the views it defines.
 */
public final class OwnershipGuard {
  private final Dialect dialect;
  private final DialectContext context;
  private final List<CatalogueObject> listed;
  private final Set<DropObject> ownedViews;

  OwnershipGuard(Dialect dialect, DialectContext context, List<CatalogueObject> listed,
      Set<DropObject> ownedViews) {
    this.dialect = dialect;
    this.context = context;
    this.listed = List.copyOf(listed);
    this.ownedViews = ownedViews;
  }

  /**
   * Reads what the guard judges by, for one environment's drops on one gateway: from {@code snapshot} where it
   * covers them, else with the dialect's listing on {@code c}. Empty when no listing is needed (FORCE, on an
   * engine that renders without knowing a container's contents). A listing that fails is the caller's to report.
   */
  public static Optional<OwnershipGuard> read(GatewayPlan plan, Gateway gateway, DropMode mode, Connection c,
      DialectContext context, CatalogueSnapshot snapshot, int timeoutSeconds) throws SQLException {
    Dialect dialect = gateway.dialect();
    if (mode != DropMode.GUARDED && !dialect.needsContentsToRender()) {
      return Optional.empty();
    }
    List<DropObject> listable = plan.drops().stream()
        .filter(d -> d.kind() != ObjectKind.CATALOG || dialect.canDropCatalogs()).toList();
    Optional<List<CatalogueObject>> prelisted = snapshot.covering(gateway.name(), listable);
    List<CatalogueObject> listed = prelisted.isPresent() ? prelisted.get()
        : dialect.listCatalogue(new JdbcCatalogueReader(c, timeoutSeconds), listable, context);
    return Optional.of(new OwnershipGuard(dialect, context, listed, plan.ownedViews()));
  }

  /** Whether the catalogue check found the object at all. */
  public boolean exists(DropObject drop) {
    return switch (drop.kind()) {
      case VIEW -> listed.stream().anyMatch(o -> !o.isContainer() && sameCatalog(drop.catalog(), o.catalog())
          && same(schemaOf(drop), o.schema()) && same(drop.name(), o.name()));
      case SCHEMA -> listed.stream().anyMatch(o -> o.isContainer() && "SCHEMA".equals(o.kind())
          && sameCatalog(drop.catalog(), o.catalog()) && same(drop.schema(), o.schema()));
      case CATALOG -> listed.stream().anyMatch(o -> o.isContainer() && "CATALOG".equals(o.kind())
          && same(drop.catalog(), o.catalog()));
    };
  }

  /** The objects the listing found inside a schema or catalog drop (nothing for a view). */
  public List<CatalogueObject> contents(DropObject drop) {
    if (drop.kind() == ObjectKind.VIEW) {
      return List.of();
    }
    return listed.stream().filter(o -> !o.isContainer() && !o.isDependent() && inside(o, drop)).toList();
  }

  /**
   * What stops this drop: for a schema or catalog, every object inside it that the environment does not own; for
   * any drop, every object outside it that depends on what it removes (PostgreSQL's {@code pg_depend}). Each is
   * named with its kind, dialect-quoted.
   */
  public List<String> foreignObjects(DropObject drop) {
    List<String> foreign = new ArrayList<>();
    for (CatalogueObject o : listed) {
      if (o.isDependent()) {
        if (removes(drop, o.dependsOnSchema(), o.dependsOnName()) && !removes(drop, o.schema(), o.name())) {
          foreign.add(o.kind() + " " + quoted(o) + " (depends on " + o.dependsOnSchema() + "." + o.dependsOnName()
              + ")");
        }
        continue;
      }
      if (drop.kind() == ObjectKind.VIEW || o.isContainer() || !inside(o, drop)) {
        continue;
      }
      if (o.isView() && ownedViews.stream().anyMatch(v -> sameCatalog(v.catalog(), o.catalog())
          && same(schemaOf(v), o.schema()) && same(v.name(), o.name()))) {
        continue;
      }
      foreign.add(o.kind() + " " + quoted(o));
    }
    return foreign;
  }

  /** Whether dropping {@code drop} removes the object {@code schema.name} (the object itself or its container). */
  private boolean removes(DropObject drop, String schema, String name) {
    return switch (drop.kind()) {
      case VIEW -> same(schemaOf(drop), schema) && same(drop.name(), name);
      case SCHEMA -> same(drop.schema(), schema);
      case CATALOG -> false; // dependents across catalogs are not tracked by any engine envsweep lists
    };
  }

  private boolean inside(CatalogueObject o, DropObject container) {
    return switch (container.kind()) {
      case SCHEMA -> sameCatalog(container.catalog(), o.catalog()) && same(container.schema(), o.schema());
      case CATALOG -> same(container.catalog(), o.catalog());
      case VIEW -> false;
    };
  }

  private String quoted(CatalogueObject o) {
    try {
      return dialect.renderName(DropObject.view(o.catalog(), o.schema(), o.name()), context);
    } catch (UnsupportedDropException e) {
      return o.catalog() + "." + o.schema() + "." + o.name();
    }
  }

  /** A name without a catalog is in the connection's current catalog: it matches whatever the listing says. */
  private boolean sameCatalog(String planned, String listedCatalog) {
    return planned == null || listedCatalog == null || same(planned, listedCatalog);
  }

  private boolean same(String a, String b) {
    return a != null && b != null && dialect.sameIdentifier(a, b);
  }

  /** The planner always names a view's schema (the model's, or {@code default}). */
  private static String schemaOf(DropObject view) {
    return view.schema();
  }
}
