package dev.envsweep.dialects;

import java.util.List;
import java.util.Optional;

/**
 * MotherDuck, DuckDB's service ({@code jdbc:duckdb:md:}): DuckDB's SQL, but catalogs are databases in the
 * service, dropped with {@code DROP DATABASE IF EXISTS ... CASCADE} as SQLMesh drops them, and there are no local
 * files. Catalogs are listed like any attached database.
 */
public final class MotherDuckDialect extends DuckDbDialect {

  @Override
  public String name() {
    return "motherduck";
  }

  @Override
  public boolean acceptsUrl(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:duckdb:md:");
  }

  private static final EngineDriver DRIVER = new DuckDbDriver(false);

  /** DuckDB's driver, talking to a service: no local file, and idle connections are kept. */
  @Override
  public EngineDriver driver() {
    return DRIVER;
  }

  /** The service's transactions are not exercised by the tests here: its drops go one by one. */
  @Override
  public boolean transactionalDdl() {
    return false;
  }

  @Override
  public RenderedDrop renderDrop(DropObject object, DropMode mode, DialectContext context) {
    if (object.kind() != ObjectKind.CATALOG) {
      return super.renderDrop(object, mode, context);
    }
    String name = quoteIdentifier(object.catalog());
    return RenderedDrop.of(object, name, List.of("DROP DATABASE IF EXISTS " + name + " CASCADE"));
  }

  @Override
  public List<CatalogueObject> listCatalogue(CatalogueReader reader, List<DropObject> objects,
      DialectContext context) throws java.sql.SQLException {
    GuardQuery query = guardQuery(objects, context);
    List<CatalogueObject> listed = new java.util.ArrayList<>();
    for (List<Object> row : reader.query(query.sql(), query.parameters())) {
      listed.add(new CatalogueObject(str(row.get(0)), str(row.get(1)), str(row.get(2)), str(row.get(3))));
    }
    return listed;
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }
}
