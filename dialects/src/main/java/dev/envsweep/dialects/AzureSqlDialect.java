package dev.envsweep.dialects;

import java.util.List;

/**
 * Azure SQL Database (reference 6.2/6.3): MSSQL's SQL, but one database per connection and no {@code USE}: a
 * name's catalog must be the default one.
 */
public final class AzureSqlDialect extends MsSqlDialect {

  @Override
  public String name() {
    return "azuresql";
  }

  @Override
  public boolean acceptsUrl(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:sqlserver:") && jdbcUrl.contains(".database.windows.net");
  }

  @Override
  public CatalogSupport catalogSupport() {
    return CatalogSupport.SINGLE_CATALOG_ONLY;
  }

  @Override
  protected List<String> useCatalog(String catalog, DialectContext context, List<String> statements) {
    return statements;
  }

  @Override
  public GuardQuery guardQuery(List<DropObject> objects, DialectContext context) {
    return informationSchemaListing(objects.stream().map(o -> o.kind() == ObjectKind.CATALOG ? o
        : new DropObject(o.kind(), null, o.schema(), o.name())).toList(), c -> "INFORMATION_SCHEMA", true);
  }
}
