package dev.envsweep.dialects;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a dialect needs to know about the gateway it renders for.
 *
 * @param defaultCatalog the catalog SQLMesh names models with on this gateway (null when unknown)
 * @param catalogDir DuckDB: the only directory in which catalog files may be deleted (null: none may be)
 * @param options dialect-specific options from the gateway's configuration
 */
public record DialectContext(String defaultCatalog, Path catalogDir, Map<String, String> options) {

  public DialectContext {
    options = Map.copyOf(options);
  }

  public static DialectContext of(String defaultCatalog) {
    return new DialectContext(defaultCatalog, null, Map.of());
  }
}
