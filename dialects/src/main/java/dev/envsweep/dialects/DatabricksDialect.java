package dev.envsweep.dialects;

import java.util.List;
import java.util.Set;

/**
 * Databricks (reference 6.2/6.3): Unity Catalog's three-part names in backticks, case-insensitive, schemas
 * cascade, catalogs are never dropped. The guard reads each catalog's {@code information_schema}.
 */
public class DatabricksDialect extends AbstractDialect {

  @Override
  public String name() {
    return "databricks";
  }

  @Override
  public boolean acceptsUrl(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:databricks:");
  }

  @Override
  protected char openQuote() {
    return '`';
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
    return Set.of("DATABASE", "SCHEMA");
  }

  @Override
  public GuardQuery guardQuery(List<DropObject> objects, DialectContext context) {
    return informationSchemaListing(objects, c -> (c == null ? "" : quoteIdentifier(c) + ".")
        + "information_schema", false);
  }

  @Override
  public java.util.Optional<String> currentCatalogQuery() {
    return java.util.Optional.of("SELECT current_catalog()");
  }

  @Override
  public StateStoreSql stateStoreSql() {
    return new StateStoreSql("STRING", "STRING", "STRING", "BIGINT", "BOOLEAN",
        "CAST(unix_millis(current_timestamp()) AS BIGINT)", "", "LIMIT ?");
  }
}
