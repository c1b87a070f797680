package dev.envsweep.dialects;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * BigQuery (reference 6.2/6.3): projects are catalogs, datasets are schemas, backtick quoting, only datasets
 * cascade, no catalog drops. The guard lists each dataset's {@code INFORMATION_SCHEMA.TABLES}, and the datasets
 * themselves from the project's region-qualified {@code SCHEMATA} (option {@code location}, default {@code us}).
 */
public final class BigQueryDialect extends AbstractDialect {

  @Override
  public String name() {
    return "bigquery";
  }

  @Override
  public boolean acceptsUrl(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:bigquery:");
  }

  @Override
  public Set<String> optionNames() {
    return Set.of("location");
  }

  @Override
  protected char openQuote() {
    return '`';
  }

  @Override
  public String quoteIdentifier(String identifier) {
    return '`' + identifier.replace("\\", "\\\\").replace("`", "\\`") + '`';
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
    Targets t = Targets.of(objects);
    List<Object> params = new ArrayList<>();
    StringJoiner union = new StringJoiner("\nUNION ALL\n");
    String region = "region-" + context.option("location", "us");
    for (String catalog : t.catalogs()) {
      String project = catalog == null ? context.defaultCatalog() : catalog;
      List<String> datasets = t.schemaNames(catalog);
      if (!datasets.isEmpty()) {
        union.add("SELECT catalog_name, schema_name, NULL, 'SCHEMA' FROM " + join(project, region)
            + ".INFORMATION_SCHEMA.SCHEMATA WHERE " + in("schema_name", datasets, params));
      }
      List<String> all = new ArrayList<>(datasets);
      for (DropObject v : t.views()) {
        if (java.util.Objects.equals(v.catalog(), catalog) && !all.contains(v.schema())) {
          all.add(v.schema());
        }
      }
      for (String dataset : all) {
        union.add("SELECT table_catalog, table_schema, table_name, CASE WHEN table_type = 'VIEW' THEN 'VIEW' "
            + "ELSE 'TABLE' END FROM " + join(project, dataset) + ".INFORMATION_SCHEMA.TABLES WHERE "
            + t.filter(catalog, "table_schema", "table_name", params));
      }
    }
    return new GuardQuery(union.toString(), params);
  }

  @Override
  public StateStoreSql stateStoreSql() {
    return new StateStoreSql("STRING", "STRING", "STRING", "INT64", "BOOL", "UNIX_MILLIS(CURRENT_TIMESTAMP())",
        "", "LIMIT ?");
  }
}
