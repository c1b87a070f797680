package dev.envsweep.dialects;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * MySQL and MariaDB (reference 6.2/6.3, 8.5): a schema is a database, names never carry a catalog (one is an
 * error), identifiers are case-sensitive, and {@code DROP SCHEMA} takes no CASCADE (it drops the contents
 * anyway, which is why the guard lists them first).
 */
public final class MySqlDialect extends AbstractDialect {

  @Override
  public String name() {
    return "mysql";
  }

  @Override
  public boolean acceptsUrl(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:mysql:") || jdbcUrl.startsWith("jdbc:mariadb:");
  }

  @Override
  protected char openQuote() {
    return '`';
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
  public GuardQuery guardQuery(List<DropObject> objects, DialectContext context) {
    Targets t = Targets.of(objects.stream().map(o -> o.kind() == ObjectKind.CATALOG ? o
        : new DropObject(o.kind(), null, o.schema(), o.name())).toList());
    List<Object> params = new ArrayList<>();
    StringJoiner union = new StringJoiner("\nUNION ALL\n");
    List<String> schemas = t.schemaNames(null);
    if (!schemas.isEmpty()) {
      union.add("SELECT NULL, schema_name, NULL, 'SCHEMA' FROM information_schema.schemata WHERE "
          + in("schema_name", schemas, params));
    }
    union.add("SELECT NULL, table_schema, table_name, CASE WHEN table_type = 'VIEW' THEN 'VIEW' ELSE 'TABLE' END "
        + "FROM information_schema.tables WHERE " + t.filter(null, "table_schema", "table_name", params));
    if (!schemas.isEmpty()) {
      union.add("SELECT NULL, routine_schema, routine_name, routine_type FROM information_schema.routines WHERE "
          + in("routine_schema", schemas, params));
    }
    return new GuardQuery(union.toString(), params);
  }

  @Override
  public StateStoreSql stateStoreSql() {
    return new StateStoreSql("VARCHAR(250)", "LONGTEXT", "TEXT", "BIGINT", "BOOLEAN",
        "CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS SIGNED)", "FOR UPDATE SKIP LOCKED", "LIMIT ?");
  }
}
