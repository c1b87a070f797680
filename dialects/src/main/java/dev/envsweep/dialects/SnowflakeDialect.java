package dev.envsweep.dialects;

import java.util.List;
import java.util.Set;

/**
 * Snowflake (reference 6.2/6.3, 8.5): full catalogs, unquoted identifiers folded to upper case. A catalog that
 * equals the configured default catalog case-insensitively is written as configured. A catalog-suffix
 * environment's database is dropped only after SQLMesh's check that it is tagged {@code sqlmesh_managed};
 * otherwise it is reported left behind.
 */
public final class SnowflakeDialect extends AbstractDialect {

  @Override
  public String name() {
    return "snowflake";
  }

  @Override
  public boolean acceptsUrl(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:snowflake:");
  }

  @Override
  protected char openQuote() {
    return '"';
  }

  @Override
  public NormalizationStrategy normalizationStrategy() {
    return NormalizationStrategy.UPPERCASE;
  }

  @Override
  public CatalogSupport catalogSupport() {
    return CatalogSupport.FULL_SUPPORT;
  }

  @Override
  public boolean canDropCatalogs() {
    return true;
  }

  @Override
  public Set<String> cascadeKinds() {
    return Set.of("DATABASE", "SCHEMA", "TABLE");
  }

  @Override
  protected String catalogPart(String catalog, DialectContext context) {
    if (catalog != null && context.defaultCatalog() != null && catalog.equalsIgnoreCase(context.defaultCatalog())) {
      return context.defaultCatalog();
    }
    return catalog;
  }

  @Override
  public RenderedDrop renderDrop(DropObject object, DropMode mode, DialectContext context)
      throws UnsupportedDropException {
    if (object.kind() != ObjectKind.CATALOG) {
      return super.renderDrop(object, mode, context);
    }
    String name = quoteIdentifier(object.catalog());
    return new RenderedDrop(object, name, List.of("DROP DATABASE IF EXISTS " + name), List.of(),
        new RenderedDrop.Precondition("SELECT 1 FROM \"INFORMATION_SCHEMA\".\"DATABASES\" WHERE \"DATABASE_NAME\" = "
            + quoteString(object.catalog()) + " AND \"COMMENT\" = 'sqlmesh_managed'", "Not dropping database "
            + object.catalog() + " because there is no indication it is 'sqlmesh_managed'"));
  }

  @Override
  public GuardQuery guardQuery(List<DropObject> objects, DialectContext context) {
    List<DropObject> named = objects.stream().map(o -> o.catalog() != null || o.kind() == ObjectKind.CATALOG ? o
        : new DropObject(o.kind(), context.defaultCatalog(), o.schema(), o.name())).toList();
    return informationSchemaListing(named, c -> quoteIdentifier(c) + ".\"INFORMATION_SCHEMA\"", true);
  }

  @Override
  public java.util.Optional<String> currentCatalogQuery() {
    return java.util.Optional.of("SELECT CURRENT_DATABASE()");
  }

  @Override
  public StateStoreSql stateStoreSql() {
    return new StateStoreSql("VARCHAR", "VARCHAR", "VARCHAR", "BIGINT", "BOOLEAN",
        "DATE_PART(EPOCH_MILLISECOND, CURRENT_TIMESTAMP())", "", "LIMIT ?");
  }
}
