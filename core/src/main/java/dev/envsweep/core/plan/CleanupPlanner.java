package dev.envsweep.core.plan;

import dev.envsweep.core.model.Environment;
import dev.envsweep.core.model.SnapshotTableInfo;
import dev.envsweep.core.model.SuffixTarget;
import dev.envsweep.dialects.Dialect;
import dev.envsweep.dialects.DropObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns an environment into its {@link CleanupPlan}: the algorithm of SQLMesh's {@code cleanup_expired_views}
 * (reference 5.5), per environment, with these differences: an unknown gateway is an error rather than a
 * silent fallback to the default one, and the order of drops is deterministic (SQLMesh iterates Python sets).
 *
 * <ul>
 *   <li>Only models that are not symbolic have views: audits, EMBEDDED and EXTERNAL snapshots are skipped.
 *   <li>All snapshots count, not only promoted ones (an unpromoted model's drop is a harmless IF EXISTS).
 *   <li>Table suffix: each view. Schema suffix: each {@code schema__env} (never its views one by one).
 *       Catalog suffix: each {@code catalog__env}, and not its schemas.
 *   <li>Each object once per gateway.
 * </ul>
 */
public final class CleanupPlanner {
  private static final Comparator<DropObject> BY_NAME = Comparator
      .comparing((DropObject o) -> String.valueOf(o.catalog()))
      .thenComparing(o -> String.valueOf(o.schema()))
      .thenComparing(o -> String.valueOf(o.name()));

  private final String defaultGateway;
  private final Function<String, Dialect> dialectOfGateway;

  /**
   * @param defaultGateway the gateway of models without one, and of every model of an environment that is not
   *     gateway-managed
   * @param dialectOfGateway the dialect of a configured gateway, or null for a gateway that is not configured
   */
  public CleanupPlanner(String defaultGateway, Function<String, Dialect> dialectOfGateway) {
    this.defaultGateway = defaultGateway;
    this.dialectOfGateway = dialectOfGateway;
  }

  public CleanupPlan plan(Environment env) throws PlanningException {
    SuffixTarget target;
    try {
      target = SuffixTarget.parse(env.suffixTarget());
    } catch (IllegalArgumentException e) {
      throw new PlanningException("environment '" + env.name() + "': " + e.getMessage());
    }
    Map<String, Objects> byGateway = new TreeMap<>(Comparator
        .comparing((String g) -> !g.equals(defaultGateway)).thenComparing(Comparator.naturalOrder()));
    for (SnapshotTableInfo snapshot : env.snapshots()) {
      if (!snapshot.hasView()) {
        continue;
      }
      String gateway = env.gatewayManaged() && snapshot.modelGateway() != null
          ? snapshot.modelGateway() : defaultGateway;
      Dialect dialect = dialectOfGateway.apply(gateway);
      if (dialect == null) {
        throw new PlanningException("environment '" + env.name() + "': model " + snapshot.name()
            + " belongs to gateway '" + gateway + "', which is not configured (SQLMesh would silently use the "
            + "default gateway; envsweep will not drop on the wrong warehouse)");
      }
      QualifiedName q;
      try {
        q = QualifiedName.parse(snapshot.name());
      } catch (IllegalArgumentException e) {
        throw new PlanningException("environment '" + env.name() + "': " + e.getMessage());
      }
      EnvironmentNaming naming = new EnvironmentNaming(env, target, dialect);
      String catalog = naming.catalog(q);
      String schema = naming.schema(q);
      Objects objects = byGateway.computeIfAbsent(gateway, g -> new Objects());
      objects.owned.add(DropObject.view(catalog, schema, naming.table(q)));
      switch (target) {
        case TABLE -> objects.views.add(DropObject.view(catalog, schema, naming.table(q)));
        case SCHEMA -> objects.schemas.add(DropObject.schema(catalog, schema));
        case CATALOG -> {
          if (catalog != null) {
            objects.catalogs.add(DropObject.catalog(catalog));
          }
        }
      }
    }
    List<GatewayPlan> gateways = new ArrayList<>();
    byGateway.forEach((gateway, o) -> gateways.add(new GatewayPlan(gateway, o.inOrder(), o.owned)));
    return new CleanupPlan(env.name(), gateways);
  }

  /** One gateway's objects while planning. */
  private static final class Objects {
    final Set<DropObject> views = new LinkedHashSet<>();
    final Set<DropObject> schemas = new LinkedHashSet<>();
    final Set<DropObject> catalogs = new LinkedHashSet<>();
    final Set<DropObject> owned = new LinkedHashSet<>();

    /** Views before schemas before catalogs; within a kind, by name. */
    List<DropObject> inOrder() {
      List<DropObject> out = new ArrayList<>();
      out.addAll(views.stream().sorted(BY_NAME).toList());
      out.addAll(schemas.stream().sorted(BY_NAME).toList());
      out.addAll(catalogs.stream().sorted(BY_NAME).toList());
      return out;
    }
  }
}
