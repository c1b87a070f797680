package dev.envsweep.core.config;

import java.util.Map;

/**
 * Where SQLMesh's state lives.
 *
 * @param url JDBC URL; null means the default gateway's database
 * @param dialect engine name; inferred from the URL when absent
 * @param user user name, or null
 * @param password password, or null
 * @param schema SQLMesh's state schema ({@code sqlmesh}); empty means the connection's default schema
 * @param create create SQLMesh's environment tables when they are missing (otherwise that is an error)
 * @param allowNewerSchema accept a state schema version newer than envsweep knows, if every column it reads is
 *     there
 * @param properties extra JDBC connection properties
 * @param connectionTimeoutMs how long to wait for a connection before the state store counts as unreachable
 */
public record StateStoreConfig(String url, String dialect, String user, String password, String schema,
    boolean create, boolean allowNewerSchema, Map<String, String> properties, long connectionTimeoutMs) {

  public static final String DEFAULT_SCHEMA = "sqlmesh";

  public StateStoreConfig {
    schema = schema == null ? DEFAULT_SCHEMA : schema;
    properties = properties == null ? Map.of() : Map.copyOf(properties);
  }

  public StateStoreConfig(String url, String dialect, String user, String password, String schema, boolean create,
      boolean allowNewerSchema, Map<String, String> properties) {
    this(url, dialect, user, password, schema, create, allowNewerSchema, properties, 10_000);
  }

  public static StateStoreConfig onDefaultGateway(boolean create) {
    return new StateStoreConfig(null, null, null, null, DEFAULT_SCHEMA, create, false, Map.of());
  }
}
