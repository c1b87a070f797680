package dev.envsweep.dialects;

/**
 * One row of an ownership-guard listing: something that exists on the engine.
 *
 * @param catalog its catalog (null where the engine has none)
 * @param schema its schema (null for a catalog row)
 * @param name its name (null for a schema or catalog row, which only says the container exists)
 * @param kind what it is, in upper case: {@code VIEW}, {@code TABLE}, {@code SEQUENCE}, {@code SCHEMA},
 *     {@code CATALOG}, ...
 */
public record CatalogueObject(String catalog, String schema, String name, String kind) {

  public boolean isContainer() {
    return name == null;
  }

  public boolean isView() {
    return "VIEW".equals(kind);
  }
}
