package dev.envsweep.dialects;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * PostgreSQL (reference 6.2/6.3): one catalog per connection, unquoted identifiers folded to lower case, no
 * catalog drops, row locks with {@code SKIP LOCKED}.
 *
 * <p>Where envsweep differs from SQLMesh on purpose (DESIGN section 4): SQLMesh drops views with
 * {@code CASCADE}, silently taking any user view built on them; envsweep's guarded form drops views without it,
 * and the guard listing also finds, through {@code pg_depend}, views outside the environment that depend on its
 * objects, so such a drop is refused with their names. {@link DropMode#FORCE} is SQLMesh's SQL.
 */
public final class PostgresDialect implements Dialect {

  @Override
  public String name() {
    return "postgres";
  }

  @Override
  public boolean acceptsUrl(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:postgresql:");
  }

  @Override
  public String quoteIdentifier(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  @Override
  public NormalizationStrategy normalizationStrategy() {
    return NormalizationStrategy.LOWERCASE;
  }

  @Override
  public java.util.Set<String> cascadeKinds() {
    return java.util.Set.of("SCHEMA", "TABLE", "VIEW");
  }

  @Override
  public CatalogSupport catalogSupport() {
    return CatalogSupport.SINGLE_CATALOG_ONLY;
  }

  /** pgjdbc: a batch is one round trip and, under autocommit, one implicit transaction. */
  private static final EngineDriver PGJDBC = new EngineDriver() {
    /** pgjdbc's message for an aborted batch, "Batch entry N <sql> was aborted: ..." (its English text). */
    private static final java.util.regex.Pattern BATCH_ENTRY = java.util.regex.Pattern.compile("^Batch entry (\\d+) ");

    @Override
    public boolean atomicBatches() {
      return true;
    }

    @Override
    public int failedBatchEntry(java.sql.BatchUpdateException e) {
      java.util.regex.Matcher m = BATCH_ENTRY.matcher(String.valueOf(e.getMessage()));
      return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
  };

  @Override
  public EngineDriver driver() {
    return PGJDBC;
  }

  /** {@code DROP VIEW} and {@code DROP SCHEMA} take part in transactions on PostgreSQL and roll back with them. */
  @Override
  public boolean transactionalDdl() {
    return true;
  }

  @Override
  public boolean canDropCatalogs() {
    return false;
  }

  /**
   * The catalog is dropped from the name when it is the gateway's default catalog (compared exactly, as SQLMesh
   * does); any other catalog is SQLMesh's error.
   */
  @Override
  public String renderName(DropObject object, DialectContext context) throws UnsupportedDropException {
    if (object.kind() == ObjectKind.CATALOG) {
      return quoteIdentifier(object.catalog());
    }
    if (object.catalog() != null && !object.catalog().equals(context.defaultCatalog())) {
      throw new UnsupportedDropException("postgres requires that all catalog operations be against a single "
          + "catalog: " + context.defaultCatalog() + ". Provided catalog: " + object.catalog());
    }
    StringJoiner name = new StringJoiner(".");
    if (object.schema() != null) {
      name.add(quoteIdentifier(object.schema()));
    }
    if (object.name() != null) {
      name.add(quoteIdentifier(object.name()));
    }
    return name.toString();
  }

  @Override
  public RenderedDrop renderDrop(DropObject object, DropMode mode, DialectContext context)
      throws UnsupportedDropException {
    String name = renderName(object, context);
    return switch (object.kind()) {
      case VIEW -> RenderedDrop.of(object, name,
          "DROP VIEW IF EXISTS " + name + (mode == DropMode.FORCE ? " CASCADE" : ""));
      case SCHEMA -> RenderedDrop.of(object, name, "DROP SCHEMA IF EXISTS " + name + " CASCADE");
      case CATALOG -> throw new UnsupportedDropException("postgres cannot drop catalogs");
    };
  }

  @Override
  public GuardQuery guardQuery(List<DropObject> objects, DialectContext context) {
    List<String> schemas = new ArrayList<>();
    List<DropObject> views = new ArrayList<>();
    for (DropObject o : objects) {
      switch (o.kind()) {
        case SCHEMA -> schemas.add(o.schema());
        case VIEW -> views.add(o);
        case CATALOG -> { }
      }
    }
    List<Object> params = new ArrayList<>();
    StringJoiner union = new StringJoiner("\nUNION ALL\n");
    if (!schemas.isEmpty()) {
      union.add("SELECT current_database(), n.nspname, NULL, 'SCHEMA', NULL, NULL FROM pg_namespace n WHERE "
          + in("n.nspname", schemas, params));
    }
    union.add("SELECT current_database(), n.nspname, c.relname, CASE c.relkind WHEN 'v' THEN 'VIEW' "
        + "WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' "
        + "ELSE 'TABLE' END, NULL, NULL FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        + "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND (" + targets("n.nspname", "c.relname", schemas,
        views, params) + ")");
    if (!schemas.isEmpty()) {
      union.add("SELECT current_database(), n.nspname, p.proname, 'FUNCTION', NULL, NULL FROM pg_proc p "
          + "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE " + in("n.nspname", schemas, params));
      union.add("SELECT current_database(), n.nspname, t.typname, 'TYPE', NULL, NULL FROM pg_type t "
          + "JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype IN ('e', 'd', 'r', 'm') AND "
          + in("n.nspname", schemas, params));
    }
    // Views and materialized views anywhere that depend on something being dropped.
    union.add("SELECT DISTINCT current_database(), dn.nspname, dc.relname, CASE dc.relkind WHEN 'm' THEN "
        + "'MATERIALIZED VIEW' ELSE 'VIEW' END, rn.nspname, rc.relname FROM pg_depend d "
        + "JOIN pg_rewrite r ON r.oid = d.objid JOIN pg_class dc ON dc.oid = r.ev_class "
        + "JOIN pg_namespace dn ON dn.oid = dc.relnamespace JOIN pg_class rc ON rc.oid = d.refobjid "
        + "JOIN pg_namespace rn ON rn.oid = rc.relnamespace WHERE d.classid = 'pg_rewrite'::regclass "
        + "AND d.refclassid = 'pg_class'::regclass AND dc.oid <> rc.oid AND (" + targets("rn.nspname",
        "rc.relname", schemas, views, params) + ")");
    return new GuardQuery(union.toString(), params);
  }

  /** Objects inside a schema to drop, or a view to drop itself. */
  private static String targets(String schemaColumn, String nameColumn, List<String> schemas,
      List<DropObject> views, List<Object> params) {
    StringJoiner or = new StringJoiner(" OR ");
    if (!schemas.isEmpty()) {
      or.add(in(schemaColumn, schemas, params));
    }
    if (!views.isEmpty()) {
      // One hashed semi-join against a VALUES list, not one OR per view: a page of a table-suffix backlog asks
      // about hundreds of views at once, and a long OR chain is re-evaluated for every catalogue row.
      StringJoiner rows = new StringJoiner(", ", "(" + schemaColumn + ", " + nameColumn + ") IN (VALUES ", ")");
      for (DropObject v : views) {
        rows.add("(?::text, ?::text)");
        params.add(v.schema() == null ? "public" : v.schema());
        params.add(v.name());
      }
      or.add(rows.toString());
    }
    return or.length() == 0 ? "FALSE" : or.toString();
  }

  private static String in(String column, List<String> values, List<Object> params) {
    StringJoiner marks = new StringJoiner(", ", column + " IN (", ")");
    for (String v : values) {
      marks.add("?");
      params.add(v);
    }
    return marks.toString();
  }

  @Override
  public Optional<String> currentCatalogQuery() {
    return Optional.of("SELECT current_database()");
  }

  @Override
  public StateStoreSql stateStoreSql() {
    return new StateStoreSql("TEXT", "TEXT", "TEXT", "BIGINT", "BOOLEAN",
        "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)", "FOR UPDATE SKIP LOCKED", "LIMIT ?");
  }
}
