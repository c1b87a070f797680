package dev.envsweep.dialects;

import java.util.List;
import java.util.Set;

/**
 * Trino (reference 6.2/6.3, 8.5): full catalogs, case-insensitive, schemas cascade, catalogs are connectors and
 * never dropped. The guard reads each catalog's {@code information_schema}.
 */
public final class TrinoDialect extends AbstractDialect {

  @Override
  public String name() {
    return "trino";
  }

  @Override
  public boolean acceptsUrl(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:trino:") || jdbcUrl.startsWith("jdbc:presto:");
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
    return CatalogSupport.FULL_SUPPORT;
  }

  @Override
  public boolean canDropCatalogs() {
    return false;
  }

  @Override
  public Set<String> cascadeKinds() {
    return Set.of("SCHEMA");
  }

  @Override
  public GuardQuery guardQuery(List<DropObject> objects, DialectContext context) {
    return informationSchemaListing(objects, c -> (c == null ? "" : quoteIdentifier(c) + ".")
        + "information_schema", false);
  }

  @Override
  public java.util.Optional<String> currentCatalogQuery() {
    return java.util.Optional.of("SELECT current_catalog");
  }

  @Override
  public StateStoreSql stateStoreSql() {
    return new StateStoreSql("VARCHAR", "VARCHAR", "VARCHAR", "BIGINT", "BOOLEAN",
        "to_unixtime(current_timestamp) * 1000", "", "LIMIT ?");
  }
}
