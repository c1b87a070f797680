package dev.envsweep.dialects;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * DuckDB: full catalog support, catalogs are attached database files, identifiers are
 * case-insensitive, no row locks, and one writing process per file.
 *
 * <p>A catalog-suffix environment's catalog is a file {@code <catalog>.db} that SQLMesh attached. Dropping it
 * means {@code DETACH DATABASE IF EXISTS} and deleting the file, which envsweep does only inside the gateway's
 * {@code catalog_dir} (SQLMesh deletes it relative to whatever its working directory happens to be). A catalog
 * file that is not attached is attached read-only just long enough for the ownership guard to list it.
 */
public class DuckDbDialect implements Dialect {

  @Override
  public String name() {
    return "duckdb";
  }

  @Override
  public boolean acceptsUrl(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:duckdb:");
  }

  private static final EngineDriver DRIVER = new DuckDbDriver(true);

  /** One process per file, opened per unit of work; errors typed by their message. */
  @Override
  public EngineDriver driver() {
    return DRIVER;
  }

  @Override
  public String quoteIdentifier(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  @Override
  public NormalizationStrategy normalizationStrategy() {
    return NormalizationStrategy.CASE_INSENSITIVE;
  }

  @Override
  public java.util.Set<String> cascadeKinds() {
    return java.util.Set.of("SCHEMA", "TABLE", "VIEW");
  }

  @Override
  public CatalogSupport catalogSupport() {
    return CatalogSupport.FULL_SUPPORT;
  }

  /** DuckDB lets one writer at a time change a database file: drops in parallel would only queue. */
  @Override
  public int defaultParallelDrops() {
    return 1;
  }

  /** {@code DROP VIEW} and {@code DROP SCHEMA} take part in transactions on DuckDB and roll back with them. */
  @Override
  public boolean transactionalDdl() {
    return true;
  }

  @Override
  public boolean canDropCatalogs() {
    return true;
  }

  /**
   * DuckDB's catalogue functions build every row before filtering ({@code duckdb_views()} renders each view's SQL,
   * about 8 microseconds a view), so a listing costs the same for 1 object as for thousands: a page of a
   * table-target backlog (2,000 views) is asked about in one query rather than ten.
   */
  @Override
  public int listingChunk() {
    return 10_000;
  }

  @Override
  public String renderName(DropObject object, DialectContext context) {
    StringJoiner name = new StringJoiner(".");
    for (String part : new String[] {object.catalog(), object.schema(), object.name()}) {
      if (part != null) {
        name.add(quoteIdentifier(part));
      }
    }
    return name.toString();
  }

  @Override
  public RenderedDrop renderDrop(DropObject object, DropMode mode, DialectContext context) {
    String name = renderName(object, context);
    return switch (object.kind()) {
      // DuckDB views never cascade in SQLMesh's janitor; guarded and forced forms are the same.
      case VIEW -> RenderedDrop.of(object, name, "DROP VIEW IF EXISTS " + name);
      case SCHEMA -> RenderedDrop.of(object, name, "DROP SCHEMA IF EXISTS " + name + " CASCADE");
      case CATALOG -> new RenderedDrop(object, name, List.of("DETACH DATABASE IF EXISTS " + name),
          catalogFile(object.catalog(), context).map(f -> List.of(f, Path.of(f + ".wal"))).orElse(List.of()));
    };
  }

  /**
   * The file SQLMesh created for a catalog, {@code <catalog_dir>/<catalog>.db}, if there is a catalog_dir and
   * the name cannot step out of it.
   */
  Optional<Path> catalogFile(String catalog, DialectContext context) {
    if (context.catalogDir() == null) {
      return Optional.empty();
    }
    Path dir = context.catalogDir().toAbsolutePath().normalize();
    Path file = dir.resolve(catalog + ".db").normalize();
    return dir.equals(file.getParent()) ? Optional.of(file) : Optional.empty();
  }

  @Override
  public GuardQuery guardQuery(List<DropObject> objects, DialectContext context) {
    // The catalogs, schemas and views asked about are bound once, as VALUES lists at the head of the query, and every
    // branch semi-joins against them: a page of a backlog asks about thousands of objects at once, DuckDB
    // evaluated a long OR chain for every catalogue row (~0.5 ms per object asked about), and binding the lists
    // in each of the six branches made preparing the query cost more than running it.
    List<Object> params = new ArrayList<>();
    StringJoiner with = new StringJoiner(",\n", "WITH ", "\n");
    with.setEmptyValue("");
    List<DropObject> catalogObjects = objects.stream().filter(o -> o.kind() == ObjectKind.CATALOG).toList();
    if (!catalogObjects.isEmpty()) {
      StringJoiner rows = new StringJoiner(", ", "wanted_catalogs(c) AS (VALUES ", ")");
      for (DropObject o : catalogObjects) {
        rows.add("(CAST(? AS VARCHAR))");
        params.add(o.catalog());
      }
      with.add(rows.toString());
    }
    List<DropObject> schemaObjects = objects.stream().filter(o -> o.kind() == ObjectKind.SCHEMA).toList();
    if (!schemaObjects.isEmpty()) {
      StringJoiner rows = new StringJoiner(", ", "wanted_schemas(c, s) AS (VALUES ", ")");
      for (DropObject o : schemaObjects) {
        rows.add("(" + catalogValue(o, params) + ", CAST(? AS VARCHAR))");
        params.add(o.schema());
      }
      with.add(rows.toString());
    }
    List<DropObject> views = objects.stream().filter(o -> o.kind() == ObjectKind.VIEW).toList();
    if (!views.isEmpty()) {
      StringJoiner rows = new StringJoiner(", ", "wanted_views(c, s, n) AS (VALUES ", ")");
      for (DropObject v : views) {
        rows.add("(" + catalogValue(v, params) + ", CAST(? AS VARCHAR), CAST(? AS VARCHAR))");
        params.add(v.schema() == null ? "main" : v.schema());
        params.add(v.name());
      }
      with.add(rows.toString());
    }

    StringJoiner union = new StringJoiner("\nUNION ALL\n");
    if (!catalogObjects.isEmpty()) {
      union.add("SELECT database_name, NULL, NULL, 'CATALOG' FROM duckdb_databases() WHERE " + CATALOGS_IN);
    }
    if (!schemaObjects.isEmpty()) {
      union.add("SELECT database_name, schema_name, NULL, 'SCHEMA' FROM duckdb_schemas() WHERE " + SCHEMAS_IN);
    }

    // Every user object that can live in a schema: tables, views, sequences, macros, types.
    String[][] sources = {
        {"table_name", "'TABLE'", "duckdb_tables()", "TRUE"},
        {"view_name", "'VIEW'", "duckdb_views()", "NOT internal"},
        {"sequence_name", "'SEQUENCE'", "duckdb_sequences()", "TRUE"},
        {"function_name", "upper(function_type)", "duckdb_functions()",
            "NOT internal AND function_type IN ('macro', 'table_macro')"},
        {"type_name", "'TYPE'", "duckdb_types()", "NOT internal"},
    };
    for (String[] source : sources) {
      StringJoiner or = new StringJoiner(" OR ");
      if (!catalogObjects.isEmpty()) {
        or.add(CATALOGS_IN);
      }
      if (!schemaObjects.isEmpty()) {
        or.add(SCHEMAS_IN);
      }
      if (!views.isEmpty()) {
        or.add("EXISTS (SELECT 1 FROM wanted_views w WHERE lower(database_name) = lower(w.c) AND "
            + "lower(schema_name) = lower(w.s) AND lower(" + source[0] + ") = lower(w.n))");
      }
      union.add("SELECT database_name, schema_name, " + source[0] + ", " + source[1] + " FROM " + source[2]
          + " WHERE " + source[3] + " AND (" + (or.length() == 0 ? "FALSE" : or.toString()) + ")");
    }
    return new GuardQuery(with + union.toString(), params);
  }

  /** A catalogue row in one of the catalogs asked about. */
  private static final String CATALOGS_IN = "EXISTS (SELECT 1 FROM wanted_catalogs w WHERE "
      + "lower(database_name) = lower(w.c))";

  /** A catalogue row in one of the schemas asked about. */
  private static final String SCHEMAS_IN = "EXISTS (SELECT 1 FROM wanted_schemas w WHERE "
      + "lower(database_name) = lower(w.c) AND lower(schema_name) = lower(w.s))";

  /** A name without a catalog lives in the connection's current database. */
  private static String catalogValue(DropObject o, List<Object> params) {
    if (o.catalog() == null) {
      return "current_database()";
    }
    params.add(o.catalog());
    return "CAST(? AS VARCHAR)";
  }

  /**
   * Catalog files that are not attached (SQLMesh attaches them per session; envsweep's process usually has not)
   * are attached read-only for the listing and detached again, so their contents are checked like any other.
   */
  @Override
  public List<CatalogueObject> listCatalogue(CatalogueReader reader, List<DropObject> objects,
      DialectContext context) throws SQLException {
    List<String> attachedHere = new ArrayList<>();
    try {
      for (DropObject o : objects) {
        if (o.kind() != ObjectKind.CATALOG) {
          continue;
        }
        Optional<Path> file = catalogFile(o.catalog(), context);
        if (file.isEmpty() || !Files.isRegularFile(file.get()) || isAttached(reader, o.catalog())) {
          continue;
        }
        reader.execute("ATTACH " + quoteString(file.get().toString()) + " AS " + quoteIdentifier(o.catalog())
            + " (READ_ONLY)");
        attachedHere.add(o.catalog());
      }
      return Dialect.super.listCatalogue(reader, objects, context);
    } finally {
      for (String catalog : attachedHere) {
        reader.execute("DETACH DATABASE IF EXISTS " + quoteIdentifier(catalog));
      }
    }
  }

  private static boolean isAttached(CatalogueReader reader, String catalog) throws SQLException {
    return !reader.query("SELECT 1 FROM duckdb_databases() WHERE lower(database_name) = lower(?)",
        List.of(catalog)).isEmpty();
  }

  @Override
  public Optional<String> currentCatalogQuery() {
    return Optional.of("SELECT current_database()");
  }

  @Override
  public StateStoreSql stateStoreSql() {
    return new StateStoreSql("TEXT", "TEXT", "TEXT", "BIGINT", "BOOLEAN", "epoch_ms(get_current_timestamp())", "",
        "LIMIT ?", true);
  }
}
