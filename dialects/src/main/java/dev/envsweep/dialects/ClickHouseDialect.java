package dev.envsweep.dialects;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * ClickHouse (reference 6.2/6.3, 8.5): databases are schemas ({@code DROP DATABASE}, no CASCADE), names never
 * carry a catalog, identifiers are case-sensitive. With option {@code cluster}, every drop runs
 * {@code ON CLUSTER "<cluster>"}.
 */
public final class ClickHouseDialect extends AbstractDialect {

  @Override
  public String name() {
    return "clickhouse";
  }

  @Override
  public boolean acceptsUrl(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:clickhouse:") || jdbcUrl.startsWith("jdbc:ch:");
  }

  @Override
  public Set<String> optionNames() {
    return Set.of("cluster");
  }

  @Override
  protected char openQuote() {
    return '"';
  }

  @Override
  public NormalizationStrategy normalizationStrategy() {
    return NormalizationStrategy.CASE_SENSITIVE;
  }

  @Override
  public CatalogSupport catalogSupport() {
    return CatalogSupport.UNSUPPORTED;
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
  public RenderedDrop renderDrop(DropObject object, DropMode mode, DialectContext context)
      throws UnsupportedDropException {
    String name = renderName(object, context);
    String cluster = context.options().get("cluster");
    String onCluster = cluster == null ? "" : " ON CLUSTER " + quoteIdentifier(cluster);
    return switch (object.kind()) {
      case VIEW -> RenderedDrop.of(object, name, "DROP VIEW IF EXISTS " + name + onCluster);
      case SCHEMA -> RenderedDrop.of(object, name, "DROP DATABASE IF EXISTS " + name + onCluster);
      case CATALOG -> throw new UnsupportedDropException(name() + " cannot drop catalogs");
    };
  }

  @Override
  public GuardQuery guardQuery(List<DropObject> objects, DialectContext context) {
    Targets t = Targets.of(objects.stream().map(o -> o.kind() == ObjectKind.CATALOG ? o
        : new DropObject(o.kind(), null, o.schema(), o.name())).toList());
    List<Object> params = new ArrayList<>();
    StringJoiner union = new StringJoiner("\nUNION ALL\n");
    List<String> schemas = t.schemaNames(null);
    if (!schemas.isEmpty()) {
      union.add("SELECT NULL, name, NULL, 'SCHEMA' FROM system.databases WHERE " + in("name", schemas, params));
    }
    union.add("SELECT NULL, database, name, multiIf(engine = 'View', 'VIEW', engine = 'MaterializedView', "
        + "'MATERIALIZED VIEW', 'TABLE') FROM system.tables WHERE " + t.filter(null, "database", "name", params));
    return new GuardQuery(union.toString(), params);
  }

  @Override
  public StateStoreSql stateStoreSql() {
    return new StateStoreSql("String", "String", "String", "Int64", "Bool", "toUnixTimestamp64Milli(now64(3))", "",
        "LIMIT ?");
  }
}
