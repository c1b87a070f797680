package dev.envsweep.dialects;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * What most engines share: names built part by part in the engine's quotes, catalogs handled as SQLMesh's
 * {@code @set_catalog} does (reference 6.1), and {@code DROP VIEW / DROP SCHEMA ... IF EXISTS [CASCADE]}. An
 * engine states its differences by overriding the small hooks below; anything stranger it renders itself.
 */
public abstract class AbstractDialect implements Dialect {

  /** The opening quote of an identifier; the closing one is {@link #closeQuote()}. */
  protected abstract char openQuote();

  protected char closeQuote() {
    return openQuote();
  }

  @Override
  public String quoteIdentifier(String identifier) {
    String close = String.valueOf(closeQuote());
    return openQuote() + identifier.replace(close, close + close) + close;
  }

  /** Whether SQLMesh's janitor drops views with CASCADE on this engine (PostgreSQL, Redshift). */
  protected boolean sqlmeshCascadesViews() {
    return false;
  }

  /** Appended to every statement (MSSQL ends its statements with a semicolon). */
  protected String terminator() {
    return "";
  }

  /** The name with its catalog dealt with as the engine's catalog support requires. */
  @Override
  public String renderName(DropObject object, DialectContext context) throws UnsupportedDropException {
    if (object.kind() == ObjectKind.CATALOG) {
      return quoteIdentifier(object.catalog());
    }
    String catalog = catalogPart(object.catalog(), context);
    return join(catalog, object.schema(), object.name());
  }

  /** The catalog as it appears in the name, or null when it is left out. */
  protected String catalogPart(String catalog, DialectContext context) throws UnsupportedDropException {
    if (catalog == null) {
      return null;
    }
    return switch (catalogSupport()) {
      case FULL_SUPPORT -> catalog;
      case REQUIRES_SET_CATALOG -> null;
      case SINGLE_CATALOG_ONLY -> {
        if (!catalog.equals(context.defaultCatalog())) {
          throw new UnsupportedDropException(name() + " requires that all catalog operations be against a single "
              + "catalog: " + context.defaultCatalog() + ". Provided catalog: " + catalog);
        }
        yield null;
      }
      case UNSUPPORTED -> throw new UnsupportedDropException(name() + " does not support catalogs; the name "
          + "carries catalog '" + catalog + "'");
    };
  }

  /** Quoted parts joined by dots, nulls left out. */
  protected String join(String... parts) {
    StringJoiner name = new StringJoiner(".");
    for (String part : parts) {
      if (part != null) {
        name.add(quoteIdentifier(part));
      }
    }
    return name.toString();
  }

  @Override
  public RenderedDrop renderDrop(DropObject object, DropMode mode, DialectContext context)
      throws UnsupportedDropException {
    String name = renderName(object, context);
    return switch (object.kind()) {
      case VIEW -> RenderedDrop.of(object, name, "DROP VIEW IF EXISTS " + name
          + (mode == DropMode.FORCE && sqlmeshCascadesViews() ? " CASCADE" : "") + terminator());
      case SCHEMA -> RenderedDrop.of(object, name, "DROP SCHEMA IF EXISTS " + name
          + (cascadeKinds().contains("SCHEMA") ? " CASCADE" : "") + terminator());
      case CATALOG -> throw new UnsupportedDropException(name() + " cannot drop catalogs");
    };
  }

  /** {@code column IN (?, ?, ...)} with the values bound. */
  protected static String in(String column, List<String> values, List<Object> params) {
    StringJoiner marks = new StringJoiner(", ", column + " IN (", ")");
    for (String v : values) {
      marks.add("?");
      params.add(v);
    }
    return marks.toString();
  }

  /** The schemas of the schema drops, and the views to drop, split out of a plan's objects. */
  protected record Targets(List<DropObject> schemas, List<DropObject> views) {
    static Targets of(List<DropObject> objects) {
      List<DropObject> schemas = new ArrayList<>();
      List<DropObject> views = new ArrayList<>();
      for (DropObject o : objects) {
        if (o.kind() == ObjectKind.SCHEMA) {
          schemas.add(o);
        } else if (o.kind() == ObjectKind.VIEW) {
          views.add(o);
        }
      }
      return new Targets(schemas, views);
    }

    /** Every catalog the targets name (null for "the connection's own"), in order, once. */
    List<String> catalogs() {
      List<String> out = new ArrayList<>();
      for (DropObject o : schemas) {
        if (!out.contains(o.catalog())) {
          out.add(o.catalog());
        }
      }
      for (DropObject o : views) {
        if (!out.contains(o.catalog())) {
          out.add(o.catalog());
        }
      }
      return out;
    }

    /** {@code (schemaColumn IN (...) OR (schemaColumn = ? AND nameColumn = ?) ...)} for one catalog. */
    String filter(String catalog, String schemaColumn, String nameColumn, List<Object> params) {
      StringJoiner or = new StringJoiner(" OR ", "(", ")");
      List<String> inCatalog = new ArrayList<>();
      for (DropObject s : schemas) {
        if (java.util.Objects.equals(s.catalog(), catalog)) {
          inCatalog.add(s.schema());
        }
      }
      if (!inCatalog.isEmpty()) {
        or.add(in(schemaColumn, inCatalog, params));
      }
      for (DropObject v : views) {
        if (java.util.Objects.equals(v.catalog(), catalog)) {
          or.add("(" + schemaColumn + " = ? AND " + nameColumn + " = ?)");
          params.add(v.schema());
          params.add(v.name());
        }
      }
      return or.length() <= 2 ? "FALSE" : or.toString();
    }

    List<String> schemaNames(String catalog) {
      List<String> out = new ArrayList<>();
      for (DropObject s : schemas) {
        if (java.util.Objects.equals(s.catalog(), catalog)) {
          out.add(s.schema());
        }
      }
      return out;
    }
  }

  /**
   * The usual listing over {@code information_schema}: schemata for the schemas to drop, tables (with views)
   * inside them and the views to drop, one {@code UNION ALL} branch per catalog.
   *
   * @param prefix how a catalog's information_schema is reached: {@code catalog -> "\"cat\".information_schema"}
   * @param upper whether the engine spells information_schema's columns in upper case (Snowflake, MSSQL)
   */
  protected GuardQuery informationSchemaListing(List<DropObject> objects, java.util.function.Function<String,
      String> prefix, boolean upper) {
    Targets t = Targets.of(objects);
    List<Object> params = new ArrayList<>();
    StringJoiner union = new StringJoiner("\nUNION ALL\n");
    String catalogCol = upper ? "TABLE_CATALOG" : "table_catalog";
    String schemaCol = upper ? "TABLE_SCHEMA" : "table_schema";
    String nameCol = upper ? "TABLE_NAME" : "table_name";
    String typeCol = upper ? "TABLE_TYPE" : "table_type";
    for (String catalog : t.catalogs()) {
      String is = prefix.apply(catalog);
      List<String> schemas = t.schemaNames(catalog);
      if (!schemas.isEmpty()) {
        union.add("SELECT " + (upper ? "CATALOG_NAME" : "catalog_name") + ", " + (upper ? "SCHEMA_NAME"
            : "schema_name") + ", NULL, 'SCHEMA' FROM " + is + "." + (upper ? "SCHEMATA" : "schemata") + " WHERE "
            + in(upper ? "SCHEMA_NAME" : "schema_name", schemas, params));
      }
      union.add("SELECT " + catalogCol + ", " + schemaCol + ", " + nameCol + ", CASE WHEN " + typeCol
          + " = 'VIEW' THEN 'VIEW' ELSE 'TABLE' END FROM " + is + "." + (upper ? "TABLES" : "tables") + " WHERE "
          + t.filter(catalog, schemaCol, nameCol, params));
    }
    return new GuardQuery(union.toString(), params);
  }
}
