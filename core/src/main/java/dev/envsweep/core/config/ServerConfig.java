package dev.envsweep.core.config;

import java.util.Locale;

/**
 * The Avatica HTTP endpoint.
 *
 * @param host address to listen on; {@code 127.0.0.1} unless said otherwise
 * @param port TCP port
 * @param serialization {@code protobuf} (default) or {@code json}
 * @param authentication {@code none} or {@code basic}
 * @param usersFile with basic authentication: {@code user: <pbkdf2 hash>, role[, role]} per line (roles
 *     {@code admin}, {@code readonly}); make hashes with {@code envsweep hash-password}
 * @param tlsKeystore a keystore holding the server's key and certificate; null: plain HTTP
 * @param tlsPassword the keystore's password
 * @param statementTimeoutSeconds longest any client statement may run before it is stopped (57014); 0 for none
 * @param pgPort the PostgreSQL wire-protocol port; null for no such listener
 * @param pgMaxConnections most PostgreSQL sessions at once (the next is refused with 53300)
 * @param metricsPort the port of {@code /metrics} and {@code /health/*}; null for no such listener
 */
public record ServerConfig(String host, int port, String serialization, String authentication,
    java.nio.file.Path usersFile, java.nio.file.Path tlsKeystore, String tlsPassword, int statementTimeoutSeconds,
    Integer pgPort, int pgMaxConnections, Integer metricsPort) {

  public static final ServerConfig DEFAULT = new ServerConfig("127.0.0.1", 8765, "protobuf", "none");
  public static final int DEFAULT_PG_MAX_CONNECTIONS = 64;

  public ServerConfig(String host, int port, String serialization, String authentication) {
    this(host, port, serialization, authentication, null, null, null, 0, null, DEFAULT_PG_MAX_CONNECTIONS, null);
  }

  public ServerConfig {
    host = host == null ? DEFAULT_HOST : host;
    serialization = serialization == null ? "protobuf" : serialization.toLowerCase(Locale.ROOT);
    authentication = authentication == null ? "none" : authentication.toLowerCase(Locale.ROOT);
    if (!serialization.equals("protobuf") && !serialization.equals("json")) {
      throw new IllegalArgumentException("server.serialization must be protobuf or json, got '" + serialization
          + "'");
    }
    if (!authentication.equals("none") && !authentication.equals("basic")) {
      throw new IllegalArgumentException("server.authentication must be none or basic, got '" + authentication
          + "'");
    }
    if (authentication.equals("basic") && usersFile == null) {
      throw new IllegalArgumentException("server.authentication basic needs server.users_file");
    }
    if (tlsKeystore != null && tlsPassword == null) {
      throw new IllegalArgumentException("server.tls.keystore needs server.tls.password");
    }
    if (statementTimeoutSeconds < 0) {
      throw new IllegalArgumentException("server.statement_timeout must not be negative, got "
          + statementTimeoutSeconds);
    }
    if (pgPort != null && (pgPort < 0 || pgPort > 65535)) {
      throw new IllegalArgumentException("server.pg_port must be between 0 and 65535, got " + pgPort);
    }
    if (metricsPort != null && (metricsPort < 0 || metricsPort > 65535)) {
      throw new IllegalArgumentException("server.metrics_port must be between 0 and 65535, got " + metricsPort);
    }
    if (pgMaxConnections < 1) {
      throw new IllegalArgumentException("server.pg_max_connections must be at least 1, got " + pgMaxConnections);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("server.port must be between 0 and 65535, got " + port);
    }
  }

  private static final String DEFAULT_HOST = "127.0.0.1";

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(host, newPort, serialization, authentication, usersFile, tlsKeystore, tlsPassword,
        statementTimeoutSeconds, pgPort, pgMaxConnections, metricsPort);
  }

  public ServerConfig withSerialization(String newSerialization) {
    return new ServerConfig(host, port, newSerialization, authentication, usersFile, tlsKeystore, tlsPassword,
        statementTimeoutSeconds, pgPort, pgMaxConnections, metricsPort);
  }

  public ServerConfig withPgPort(Integer newPgPort) {
    return new ServerConfig(host, port, serialization, authentication, usersFile, tlsKeystore, tlsPassword,
        statementTimeoutSeconds, newPgPort, pgMaxConnections, metricsPort);
  }

  public ServerConfig withMetricsPort(Integer newMetricsPort) {
    return new ServerConfig(host, port, serialization, authentication, usersFile, tlsKeystore, tlsPassword,
        statementTimeoutSeconds, pgPort, pgMaxConnections, newMetricsPort);
  }

  /** {@code server.statement_timeout}, or null for no limit. */
  public java.time.Duration statementTimeout() {
    return statementTimeoutSeconds > 0 ? java.time.Duration.ofSeconds(statementTimeoutSeconds) : null;
  }

  public boolean tls() {
    return tlsKeystore != null;
  }

  /** Whether the server would be reachable from other machines. */
  public boolean isLoopback() {
    return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
  }
}
