package dev.envsweep.core.config;

import dev.envsweep.core.model.EnvironmentNames;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The whole configuration: the state store, the gateways, the protected environments, the
 * janitor's defaults and the server.
 *
 * @param stateStore where SQLMesh's state lives
 * @param defaultGateway the gateway that runs drops of environments that are not gateway-managed, and every
 *     statement envsweep does not own
 * @param gateways every gateway by (lower-case) name, in configuration order
 * @param pinnedEnvironments environment names never invalidated or cleaned, sanitised as SQLMesh does
 * @param janitor cleanup defaults
 * @param server the HTTP endpoint
 * @param source where this configuration came from, for messages
 */
public record EnvsweepConfig(StateStoreConfig stateStore, String defaultGateway,
    Map<String, GatewayConfig> gateways, Set<String> pinnedEnvironments, JanitorConfig janitor,
    ServerConfig server, String source) {

  /** The embedded default's database file, in the working directory. */
  public static final String EMBEDDED_FILE = "envsweep.duckdb";
  /** The demo's database file, in the working directory. */
  public static final String DEMO_FILE = "envsweep-demo.duckdb";

  public EnvsweepConfig {
    gateways = new LinkedHashMap<>(gateways);
    pinnedEnvironments = Set.copyOf(pinnedEnvironments);
    if (!gateways.containsKey(defaultGateway)) {
      throw new IllegalArgumentException("default_gateway '" + defaultGateway + "' is not one of the gateways: "
          + String.join(", ", gateways.keySet()));
    }
  }

  public GatewayConfig defaultGatewayConfig() {
    return gateways.get(defaultGateway);
  }

  /**
   * No configuration at all: one DuckDB file in the working directory is both the state store and the only
   * warehouse, and its SQLMesh tables are created when missing.
   */
  public static EnvsweepConfig embedded(Path directory, String fileName, String source) {
    String url = "jdbc:duckdb:" + directory.resolve(fileName).toAbsolutePath().normalize();
    return new EnvsweepConfig(StateStoreConfig.onDefaultGateway(true), "local",
        Map.of("local", GatewayConfig.of("local", url)), Set.of(), JanitorConfig.DEFAULT, ServerConfig.DEFAULT,
        source);
  }

  /** Whether the name is {@code prod} or pinned: never invalidated, planned, dropped or deleted. */
  public boolean isProtected(String sanitisedName) {
    return EnvironmentNames.PROD.equals(sanitisedName) || pinnedEnvironments.contains(sanitisedName);
  }

  public EnvsweepConfig withServer(ServerConfig newServer) {
    return new EnvsweepConfig(stateStore, defaultGateway, gateways, pinnedEnvironments, janitor, newServer,
        source);
  }
}
