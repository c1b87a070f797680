package dev.envsweep.dialects;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Microsoft SQL Server (reference 6.2/6.3, 8.5). Statements cannot name another database, so a drop there is
 * {@code USE [db];} ... {@code USE [previous];}, one statement (and one result row) each. There is no
 * {@code DROP SCHEMA ... CASCADE}: SQLMesh drops every object the schema holds, then the schema. envsweep's
 * guarded form drops only the environment's own views (the guard has already refused any other content), and
 * never a built-in schema such as {@code dbo} (SQLMesh #4833). Statements end with a semicolon, as SQLMesh's.
 */
public class MsSqlDialect extends AbstractDialect {
  private static final Set<String> BUILT_IN_SCHEMAS = Set.of("dbo", "guest", "sys", "information_schema",
      "db_owner", "db_accessadmin", "db_securityadmin", "db_ddladmin", "db_backupoperator", "db_datareader",
      "db_datawriter", "db_denydatareader", "db_denydatawriter");

  @Override
  public String name() {
    return "mssql";
  }

  @Override
  public boolean acceptsUrl(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:sqlserver:") || jdbcUrl.startsWith("jdbc:jtds:sqlserver:");
  }

  @Override
  protected char openQuote() {
    return '[';
  }

  @Override
  protected char closeQuote() {
    return ']';
  }

  @Override
  protected String terminator() {
    return ";";
  }

  @Override
  public NormalizationStrategy normalizationStrategy() {
    return NormalizationStrategy.CASE_INSENSITIVE;
  }

  @Override
  public CatalogSupport catalogSupport() {
    return CatalogSupport.REQUIRES_SET_CATALOG;
  }

  @Override
  public boolean canDropCatalogs() {
    return false;
  }

  @Override
  public Set<String> cascadeKinds() {
    return Set.of();
  }

  @Override
  public boolean needsContentsToRender() {
    return true;
  }

  @Override
  public RenderedDrop renderDrop(DropObject object, DropMode mode, DialectContext context)
      throws UnsupportedDropException {
    return renderDrop(object, mode, context, List.of());
  }

  @Override
  public RenderedDrop renderDrop(DropObject object, DropMode mode, DialectContext context,
      List<CatalogueObject> contents) throws UnsupportedDropException {
    String name = renderName(object, context);
    List<String> statements = new ArrayList<>();
    switch (object.kind()) {
      case VIEW -> statements.add("DROP VIEW IF EXISTS " + name + ";");
      case SCHEMA -> {
        if (BUILT_IN_SCHEMAS.contains(object.schema().toLowerCase(Locale.ROOT))) {
          throw new UnsupportedDropException("refusing to drop the built-in schema " + object.schema()
              + " (SQLMesh #4833)");
        }
        for (CatalogueObject o : contents) {
          // Guarded: the guard let through only the environment's own views. FORCE: everything, as SQLMesh.
          String kind = o.isView() ? "VIEW" : "TABLE";
          statements.add("DROP " + kind + " IF EXISTS " + join(object.schema(), o.name()) + ";");
        }
        statements.add("DROP SCHEMA IF EXISTS " + name + ";");
      }
      case CATALOG -> throw new UnsupportedDropException(name() + " cannot drop catalogs");
    }
    return RenderedDrop.of(object, name, useCatalog(object.catalog(), context, statements));
  }

  /** {@code USE} the object's database around the statements when it is not the current one. */
  protected List<String> useCatalog(String catalog, DialectContext context, List<String> statements) {
    if (catalog == null || context.currentCatalog() == null || sameIdentifier(catalog, context.currentCatalog())) {
      return statements;
    }
    List<String> out = new ArrayList<>();
    out.add("USE " + quoteIdentifier(catalog) + ";");
    out.addAll(statements);
    out.add("USE " + quoteIdentifier(context.currentCatalog()) + ";");
    return out;
  }

  @Override
  public GuardQuery guardQuery(List<DropObject> objects, DialectContext context) {
    return informationSchemaListing(objects, c -> (c == null ? "" : quoteIdentifier(c) + ".")
        + "INFORMATION_SCHEMA", true);
  }

  @Override
  public java.util.Optional<String> currentCatalogQuery() {
    return java.util.Optional.of("SELECT DB_NAME()");
  }

  @Override
  public StateStoreSql stateStoreSql() {
    return new StateStoreSql("VARCHAR(450)", "VARCHAR(MAX)", "VARCHAR(MAX)", "BIGINT", "BIT",
        "DATEDIFF_BIG(MILLISECOND, '1970-01-01', SYSUTCDATETIME())", "", "OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY");
  }
}
