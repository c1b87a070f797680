package dev.envsweep.dialects;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a dialect needs to know about the gateway it renders for.
 *
 * @param defaultCatalog the catalog SQLMesh names models with on this gateway (null when unknown)
 * @param catalogDir DuckDB: the only directory in which catalog files may be deleted (null: none may be)
 * @param options dialect-specific options from the gateway's configuration
 * @param currentCatalog the connection's current catalog, for engines that must {@code USE} another one and
 *     switch back (MSSQL); null when unknown or irrelevant
 */
public record DialectContext(String defaultCatalog, Path catalogDir, Map<String, String> options,
    String currentCatalog) {

  public DialectContext {
    options = Map.copyOf(options);
  }

  public DialectContext(String defaultCatalog, Path catalogDir, Map<String, String> options) {
    this(defaultCatalog, catalogDir, options, null);
  }

  public static DialectContext of(String defaultCatalog) {
    return new DialectContext(defaultCatalog, null, Map.of());
  }

  public DialectContext withCurrentCatalog(String catalog) {
    return new DialectContext(defaultCatalog, catalogDir, options, catalog);
  }

  public DialectContext withDefaultCatalog(String catalog) {
    return new DialectContext(catalog, catalogDir, options, currentCatalog);
  }

  /** A dialect option, or the fallback. */
  public String option(String key, String fallback) {
    return options.getOrDefault(key, fallback);
  }
}
