package dev.envsweep.dialects;

import java.util.Set;

/**
 * Amazon Redshift (reference 6.2/6.3): PostgreSQL's single-catalog rules, identifiers case-insensitive, no
 * catalog drops. SQLMesh's janitor drops views with CASCADE; envsweep's guarded form does not (FORCE does).
 */
public final class RedshiftDialect extends AbstractDialect {

  @Override
  public String name() {
    return "redshift";
  }

  @Override
  public boolean acceptsUrl(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:redshift:");
  }

  @Override
  protected char openQuote() {
    return '"';
  }

  @Override
  public NormalizationStrategy normalizationStrategy() {
    return NormalizationStrategy.CASE_INSENSITIVE;
  }

  @Override
  public CatalogSupport catalogSupport() {
    return CatalogSupport.SINGLE_CATALOG_ONLY;
  }

  @Override
  public boolean canDropCatalogs() {
    return false;
  }

  @Override
  public Set<String> cascadeKinds() {
    return Set.of("SCHEMA", "TABLE", "VIEW");
  }

  @Override
  protected boolean sqlmeshCascadesViews() {
    return true;
  }

  @Override
  public GuardQuery guardQuery(java.util.List<DropObject> objects, DialectContext context) {
    return informationSchemaListing(objects.stream().map(o -> o.kind() == ObjectKind.CATALOG ? o
        : new DropObject(o.kind(), null, o.schema(), o.name())).toList(), c -> "information_schema", false);
  }

  @Override
  public java.util.Optional<String> currentCatalogQuery() {
    return java.util.Optional.of("SELECT current_database()");
  }

  @Override
  public StateStoreSql stateStoreSql() {
    return new StateStoreSql("VARCHAR(65535)", "VARCHAR(65535)", "VARCHAR(65535)", "BIGINT", "BOOLEAN",
        "CAST(EXTRACT(EPOCH FROM GETDATE()) * 1000 AS BIGINT)", "", "LIMIT ?");
  }
}
