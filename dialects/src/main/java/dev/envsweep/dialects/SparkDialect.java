package dev.envsweep.dialects;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Spark SQL (reference 6.2/6.3): rendered like Databricks. Spark has no {@code information_schema}, so its guard
 * lists each schema with {@code SHOW TABLES} and {@code SHOW VIEWS} (several small queries, the one exception to
 * "one listing query per environment and gateway"); a schema that does not exist is absent.
 */
public final class SparkDialect extends DatabricksDialect {

  @Override
  public String name() {
    return "spark";
  }

  @Override
  public boolean acceptsUrl(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:hive2:") || jdbcUrl.startsWith("jdbc:spark:");
  }

  @Override
  public GuardQuery guardQuery(List<DropObject> objects, DialectContext context) {
    throw new UnsupportedOperationException("Spark lists with SHOW TABLES / SHOW VIEWS: see listCatalogue");
  }

  @Override
  public List<CatalogueObject> listCatalogue(CatalogueReader reader, List<DropObject> objects,
      DialectContext context) throws SQLException {
    List<CatalogueObject> out = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    for (DropObject o : objects) {
      if (o.kind() == ObjectKind.CATALOG || seen.contains(o.catalog() + "." + o.schema())) {
        continue;
      }
      seen.add(o.catalog() + "." + o.schema());
      String schema = join(o.catalog(), o.schema());
      List<List<Object>> tables;
      try {
        tables = reader.query("SHOW TABLES IN " + schema, List.of());
      } catch (SQLException e) {
        if (String.valueOf(e.getMessage()).contains("SCHEMA_NOT_FOUND")
            || String.valueOf(e.getMessage()).contains("not found")) {
          continue;
        }
        throw e;
      }
      out.add(new CatalogueObject(o.catalog(), o.schema(), null, "SCHEMA"));
      List<String> views = new ArrayList<>();
      for (List<Object> row : reader.query("SHOW VIEWS IN " + schema, List.of())) {
        views.add(String.valueOf(row.get(1)));
      }
      for (List<Object> row : tables) {
        String name = String.valueOf(row.get(1));
        boolean temporary = row.size() > 2 && Boolean.parseBoolean(String.valueOf(row.get(2)));
        if (!temporary) {
          out.add(new CatalogueObject(o.catalog(), o.schema(), name, views.contains(name) ? "VIEW" : "TABLE"));
        }
      }
    }
    return out;
  }

  @Override
  public java.util.Optional<String> currentCatalogQuery() {
    return java.util.Optional.of("SELECT current_catalog()");
  }
}
