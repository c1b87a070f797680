package dev.envsweep.dialects;

/** How an engine treats the catalog part of a name (SQLMesh's {@code CatalogSupport}, reference 6.1). */
public enum CatalogSupport {
  /** Names never carry a catalog; one is an error. */
  UNSUPPORTED,
  /** One catalog per connection: the default catalog is stripped, any other is an error. */
  SINGLE_CATALOG_ONLY,
  /** Catalogs exist but statements cannot name them: {@code USE cat} before, the previous one after. */
  REQUIRES_SET_CATALOG,
  /** Three-part names work as they are. */
  FULL_SUPPORT
}
