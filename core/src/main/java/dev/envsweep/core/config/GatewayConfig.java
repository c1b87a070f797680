package dev.envsweep.core.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * One warehouse connection.
 *
 * @param name the gateway's name, as SQLMesh snapshots name it in {@code model_gateway} (lower case)
 * @param url its JDBC URL
 * @param dialect engine name; inferred from the URL when absent
 * @param defaultCatalog the catalog SQLMesh names models with on this gateway
 * @param user user name, or null
 * @param password password, or null
 * @param maxParallelDrops concurrent DDL statements on this gateway; 0 for the engine's default
 *     ({@code Dialect.defaultParallelDrops})
 * @param catalogDir DuckDB: the directory catalog files may be deleted from
 * @param properties extra JDBC connection properties
 * @param options dialect-specific options
 * @param connectionTimeoutMs how long to wait for a connection before the gateway counts as unreachable
 */
public record GatewayConfig(String name, String url, String dialect, String defaultCatalog, String user,
    String password, int maxParallelDrops, Path catalogDir, Map<String, String> properties,
    Map<String, String> options, long connectionTimeoutMs) {

  public GatewayConfig {
    properties = properties == null ? Map.of() : Map.copyOf(properties);
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  /** A gateway with nothing but a URL. */
  public static GatewayConfig of(String name, String url) {
    return new GatewayConfig(name, url, null, null, null, null, 0, null, Map.of(), Map.of(), 10_000);
  }

  /** The URL without anything that could be a secret, for logs and messages. */
  public String safeUrl() {
    return Urls.withoutSecrets(url);
  }
}
