package dev.envsweep.core.config;

import java.util.Locale;

/**
 * The Avatica HTTP endpoint.
 *
 * @param host address to listen on; {@code 127.0.0.1} unless said otherwise
 * @param port TCP port
 * @param serialization {@code protobuf} (default) or {@code json}
 * @param authentication {@code none}
 */
public record ServerConfig(String host, int port, String serialization, String authentication) {

  public static final ServerConfig DEFAULT = new ServerConfig("127.0.0.1", 8765, "protobuf", "none");

  public ServerConfig {
    host = host == null ? DEFAULT_HOST : host;
    serialization = serialization == null ? "protobuf" : serialization.toLowerCase(Locale.ROOT);
    authentication = authentication == null ? "none" : authentication.toLowerCase(Locale.ROOT);
    if (!serialization.equals("protobuf") && !serialization.equals("json")) {
      throw new IllegalArgumentException("server.serialization must be protobuf or json, got '" + serialization
          + "'");
    }
    if (!authentication.equals("none")) {
      throw new IllegalArgumentException("server.authentication '" + authentication
          + "' is not supported by this version; use none (and keep the default host 127.0.0.1)");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("server.port must be between 0 and 65535, got " + port);
    }
  }

  private static final String DEFAULT_HOST = "127.0.0.1";

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(host, newPort, serialization, authentication);
  }

  public ServerConfig withSerialization(String newSerialization) {
    return new ServerConfig(host, port, newSerialization, authentication);
  }

  /** Whether the server would be reachable from other machines. */
  public boolean isLoopback() {
    return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
  }
}
