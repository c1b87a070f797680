package dev.envsweep.dialects;

import java.util.List;
import java.util.Set;

/**
 * Amazon Athena (reference 6.2/6.3): one catalog, unquoted identifiers folded to lower case, and two SQL
 * languages: views are Trino SQL ({@code "b"."c"}), schema DDL is Hive SQL ({@code `b`}).
 */
public final class AthenaDialect extends AbstractDialect {

  @Override
  public String name() {
    return "athena";
  }

  @Override
  public boolean acceptsUrl(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:athena:") || jdbcUrl.startsWith("jdbc:awsathena:");
  }

  @Override
  protected char openQuote() {
    return '"';
  }

  /** Hive DDL's quoting, for schema statements. */
  private static String hive(String identifier) {
    return '`' + identifier.replace("`", "``") + '`';
  }

  @Override
  public NormalizationStrategy normalizationStrategy() {
    return NormalizationStrategy.LOWERCASE;
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
    return Set.of("DATABASE", "SCHEMA");
  }

  @Override
  public String renderName(DropObject object, DialectContext context) throws UnsupportedDropException {
    if (object.kind() != ObjectKind.SCHEMA) {
      return super.renderName(object, context);
    }
    catalogPart(object.catalog(), context);
    return hive(object.schema());
  }

  @Override
  public RenderedDrop renderDrop(DropObject object, DropMode mode, DialectContext context)
      throws UnsupportedDropException {
    if (object.kind() != ObjectKind.SCHEMA) {
      return super.renderDrop(object, mode, context);
    }
    String name = renderName(object, context);
    return RenderedDrop.of(object, name, "DROP SCHEMA IF EXISTS " + name + " CASCADE");
  }

  @Override
  public GuardQuery guardQuery(List<DropObject> objects, DialectContext context) {
    return informationSchemaListing(objects.stream().map(o -> o.kind() == ObjectKind.CATALOG ? o
        : new DropObject(o.kind(), null, o.schema(), o.name())).toList(), c -> "information_schema", false);
  }

  @Override
  public StateStoreSql stateStoreSql() {
    return new StateStoreSql("STRING", "STRING", "STRING", "BIGINT", "BOOLEAN",
        "CAST(to_unixtime(current_timestamp) * 1000 AS BIGINT)", "", "LIMIT ?");
  }
}
