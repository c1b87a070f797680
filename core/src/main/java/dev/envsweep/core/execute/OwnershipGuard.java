package dev.envsweep.core.execute;

import dev.envsweep.dialects.CatalogueObject;
import dev.envsweep.dialects.Dialect;
import dev.envsweep.dialects.DialectContext;
import dev.envsweep.dialects.DropObject;
import dev.envsweep.dialects.ObjectKind;
import dev.envsweep.dialects.UnsupportedDropException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Never drop what the environment does not own (DESIGN section 4; SQLMesh #4960 lost production tables through
 * a CASCADE). Given the gateway's listing of everything the environment's drops touch, it answers for each drop
 * whether the object exists, and, for a schema or catalog, which objects inside it the environment does not
 * own: anything but the views it defines.
 */
final class OwnershipGuard {
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

  /** Whether the catalogue check found the object at all. */
  boolean exists(DropObject drop) {
    return switch (drop.kind()) {
      case VIEW -> listed.stream().anyMatch(o -> !o.isContainer() && sameCatalog(drop.catalog(), o.catalog())
          && same(schemaOf(drop), o.schema()) && same(drop.name(), o.name()));
      case SCHEMA -> listed.stream().anyMatch(o -> o.isContainer() && "SCHEMA".equals(o.kind())
          && sameCatalog(drop.catalog(), o.catalog()) && same(drop.schema(), o.schema()));
      case CATALOG -> listed.stream().anyMatch(o -> o.isContainer() && "CATALOG".equals(o.kind())
          && same(drop.catalog(), o.catalog()));
    };
  }

  /** The objects inside a schema or catalog drop that the environment does not own, each dialect-quoted. */
  List<String> foreignObjects(DropObject container) {
    List<String> foreign = new ArrayList<>();
    if (container.kind() == ObjectKind.VIEW) {
      return foreign;
    }
    for (CatalogueObject o : listed) {
      if (o.isContainer() || !inside(o, container)) {
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

  private static String schemaOf(DropObject view) {
    return view.schema() == null ? "main" : view.schema();
  }
}
