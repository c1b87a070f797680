package dev.envsweep.core.render;

import dev.envsweep.core.execute.Gateway;
import dev.envsweep.dialects.CatalogueObject;
import dev.envsweep.dialects.Dialect;
import dev.envsweep.dialects.DialectContext;
import dev.envsweep.dialects.DropMode;
import dev.envsweep.dialects.DropObject;
import dev.envsweep.dialects.ObjectKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The ownership guard's catalogue listings for a whole page of environments, taken with one query per gateway
 * (per chunk of objects) instead of one per environment: on PostgreSQL a listing costs milliseconds of catalogue
 * planning and scanning, as much as the drop it protects. Each environment's guard then sees only the listed
 * objects that concern its own drops.
 *
 * <p>A snapshot answers only for drops it listed, and only while it is at most {@link #MAX_AGE_MS} old; past
 * that, or for anything it did not list (the environment was re-planned meanwhile), the environment lists for
 * itself just before its drops, as before. So the guard never judges on a listing older than that.
 */
public final class CatalogueSnapshot {
  /** How old a listing may be when an environment's drops are judged by it. */
  public static final long MAX_AGE_MS = 10_000;

  /** No snapshot: every environment lists for itself. */
  public static final CatalogueSnapshot NONE = new CatalogueSnapshot(Map.of(), 0);

  private final Map<String, Listing> byGateway;
  private final long takenNanos;

  private CatalogueSnapshot(Map<String, Listing> byGateway, long takenNanos) {
    this.byGateway = byGateway;
    this.takenNanos = takenNanos;
  }

  /**
   * Lists, per gateway, everything {@code drops} touch, in as few queries as the dialect's
   * {@link Dialect#listingChunk()} allows: what a page of environments' guards will need. A gateway whose listing
   * fails is left out (its environments list for themselves and report the failure as before); nothing here is
   * sent but catalogue queries.
   *
   * @param timeoutSeconds longest a listing query may run ({@code janitor.statement_timeout}); 0: no limit
   */
  public static CatalogueSnapshot take(Map<Gateway, List<DropObject>> drops, DropMode mode, int timeoutSeconds) {
    long taken = System.nanoTime();
    Map<String, Listing> listings = new HashMap<>();
    for (Map.Entry<Gateway, List<DropObject>> e : drops.entrySet()) {
      Gateway gateway = e.getKey();
      Dialect dialect = gateway.dialect();
      if (mode != DropMode.GUARDED && !dialect.needsContentsToRender()) {
        continue;
      }
      List<DropObject> listable = e.getValue().stream()
          .filter(d -> d.kind() != ObjectKind.CATALOG || dialect.canDropCatalogs()).distinct().toList();
      if (listable.isEmpty()) {
        continue;
      }
      try (Connection c = gateway.connection()) {
        DialectContext context = gateway.context(c);
        List<CatalogueObject> found = new ArrayList<>();
        int chunk = dialect.listingChunk();
        for (int i = 0; i < listable.size(); i += chunk) {
          found.addAll(dialect.listCatalogue(new JdbcCatalogueReader(c, timeoutSeconds),
              listable.subList(i, Math.min(listable.size(), i + chunk)), context));
        }
        listings.put(gateway.name(), new Listing(dialect, listable, found));
      } catch (SQLException | RuntimeException ignored) {
        // Each environment lists for itself and reports what goes wrong, as without a snapshot.
      }
    }
    return new CatalogueSnapshot(listings, taken);
  }

  /** One gateway's listing: what was asked for and what was found, bucketed by lower-cased schema/catalog. */
  static final class Listing {
    private final Dialect dialect;
    private final Set<DropObject> asked;
    private final Map<String, List<CatalogueObject>> bySchema = new HashMap<>();
    private final Map<String, List<CatalogueObject>> byCatalog = new HashMap<>();
    private final Map<String, List<CatalogueObject>> dependentsBySchema = new HashMap<>();
    /** Objects by schema and name: all a view's guard needs besides dependents (a schema holds a whole page). */
    private final Map<String, List<CatalogueObject>> byName = new HashMap<>();

    Listing(Dialect dialect, List<DropObject> asked, List<CatalogueObject> found) {
      this.dialect = dialect;
      this.asked = new HashSet<>(asked);
      for (CatalogueObject o : found) {
        if (o.isDependent()) {
          dependentsBySchema.computeIfAbsent(key(o.dependsOnSchema()), k -> new ArrayList<>()).add(o);
        } else {
          bySchema.computeIfAbsent(key(o.schema()), k -> new ArrayList<>()).add(o);
          byCatalog.computeIfAbsent(key(o.catalog()), k -> new ArrayList<>()).add(o);
          if (o.name() != null) {
            byName.computeIfAbsent(key(o.schema(), o.name()), k -> new ArrayList<>()).add(o);
          }
        }
      }
    }

    /** The listed objects that can matter to these drops: same schema, same catalog, or depending on them. */
    Optional<List<CatalogueObject>> covering(List<DropObject> drops) {
      if (!asked.containsAll(drops)) {
        return Optional.empty();
      }
      Set<CatalogueObject> out = new java.util.LinkedHashSet<>();
      Set<String> dependentsAdded = new HashSet<>();
      for (DropObject d : drops) {
        switch (d.kind()) {
          case CATALOG -> out.addAll(byCatalog.getOrDefault(key(d.catalog()), List.of()));
          case SCHEMA -> out.addAll(bySchema.getOrDefault(key(d.schema()), List.of()));
          // A view's guard asks only whether it exists and what depends on it, never what else its schema holds:
          // with the table suffix target that schema holds every environment's views of the page.
          case VIEW -> out.addAll(byName.getOrDefault(key(d.schema(), d.name()), List.of()));
        }
        if (dependentsAdded.add(key(d.schema()))) {
          out.addAll(dependentsBySchema.getOrDefault(key(d.schema()), List.of()));
        }
      }
      // The buckets are case-insensitive supersets; the guard compares names by the dialect's own rules.
      return Optional.of(List.copyOf(out));
    }

    private static String key(String name) {
      return name == null ? "" : name.toLowerCase(Locale.ROOT);
    }

    private static String key(String schema, String name) {
      return key(schema) + '\u0000' + key(name);
    }
  }

  /**
   * What the guard needs for {@code drops} on {@code gateway}, if this snapshot listed all of them and is still
   * fresh; empty otherwise (the caller lists for itself).
   */
  Optional<List<CatalogueObject>> covering(String gateway, List<DropObject> drops) {
    Listing listing = byGateway.get(gateway);
    if (listing == null || drops.isEmpty()
        || System.nanoTime() - takenNanos > TimeUnit.MILLISECONDS.toNanos(MAX_AGE_MS)) {
      return Optional.empty();
    }
    return listing.covering(drops);
  }
}
