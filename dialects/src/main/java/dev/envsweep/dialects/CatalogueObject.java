package dev.envsweep.dialects;

/**
 * One row of an ownership-guard listing: something that exists on the engine.
 *
 * @param catalog its catalog (null where the engine has none)
 * @param schema its schema (null for a catalog row)
 * @param name its name (null for a schema or catalog row, which only says the container exists)
 * @param kind what it is, in upper case: {@code VIEW}, {@code TABLE}, {@code SEQUENCE}, {@code SCHEMA},
 *     {@code CATALOG}, ...
 * @param dependsOnSchema for an object found because it depends on something being dropped (PostgreSQL's
 *     {@code pg_depend}): the schema of what it depends on; null otherwise
 * @param dependsOnName likewise, the name of what it depends on
 */
public record CatalogueObject(String catalog, String schema, String name, String kind, String dependsOnSchema,
    String dependsOnName) {

  public CatalogueObject(String catalog, String schema, String name, String kind) {
    this(catalog, schema, name, kind, null, null);
  }

  /** Whether this row is a dependent of an object to drop, rather than a content or a container. */
  public boolean isDependent() {
    return dependsOnName != null;
  }

  public boolean isContainer() {
    return name == null;
  }

  public boolean isView() {
    return "VIEW".equals(kind);
  }
}
