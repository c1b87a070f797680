package dev.envsweep.server;

import static dev.envsweep.server.Main.OK;
import static dev.envsweep.server.Main.fail;

import dev.envsweep.core.Envsweep;
import dev.envsweep.core.config.ConfigException;
import dev.envsweep.core.config.EnvsweepConfig;
import dev.envsweep.core.config.ServerConfig;
import dev.envsweep.dialects.ServeMarker;
import dev.envsweep.server.logging.LogSetup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code serve}: the Avatica HTTP server, and optionally the PostgreSQL wire protocol. Everything that can be
 * refused is checked before a database file is opened or created: the configuration, the files it names, that
 * the ports are free, and (for {@code --demo}) that no other server serves this directory's demo file.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve envsweep over HTTP to any Avatica JDBC client.")
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--config", description = "YAML configuration (default: ./envsweep.yaml, else embedded)")
  Path config;

  @Option(names = "--port", description = "TCP port (default: server.port, 8765)")
  Integer port;

  @Option(names = "--serialization", description = "protobuf (default) or json")
  String serialization;

  @Option(names = "--pg-port", description = "Also serve the PostgreSQL wire protocol on this port (default: "
      + "server.pg_port; absent: no such listener), for psql, psycopg2, dbt-postgres")
  Integer pgPort;

  @Option(names = "--metrics-port", description = "Serve /metrics (Prometheus) and /health/live, /health/ready "
      + "on this port (default: server.metrics_port; absent: no such listener)")
  Integer metricsPort;

  @Option(names = "--demo", description = "Rebuild envsweep-demo.duckdb with a small SQLMesh project and serve it")
  boolean demo;

  @Option(names = "--insecure", description = "Allow a non-loopback server.host without authentication")
  boolean insecure;

  @Option(names = "--log-format", description = "text (default) or json: one JSON object per line, for log "
      + "shippers")
  String logFormat;

  @Option(names = "--log-config", description = "A Logback configuration file: it then decides levels, format "
      + "and where the log goes")
  Path logConfig;

  @Override
  public Integer call() {
    if (demo && config != null) {
      return fail("--demo serves its own embedded database; drop --config or --demo");
    }
    try {
      LogSetup.configure(logFormat == null ? LogSetup.Format.TEXT : LogSetup.Format.parse(logFormat), logConfig,
          true);
    } catch (IllegalArgumentException e) {
      return fail(e.getMessage());
    }
    WarmUp.start(config);
    List<ServeMarker> markers = new ArrayList<>();
    try {
      Path cwd = Path.of("").toAbsolutePath();
      EnvsweepConfig cfg = demo ? EnvsweepConfig.embedded(cwd, EnvsweepConfig.DEMO_FILE, "demo")
          : Main.loadConfig(config);
      ServerConfig server = cfg.server();
      if (port != null) {
        server = server.withPort(port);
      }
      if (serialization != null) {
        server = server.withSerialization(serialization);
      }
      if (pgPort != null) {
        server = server.withPgPort(pgPort);
      }
      if (metricsPort != null) {
        server = server.withMetricsPort(metricsPort);
      }
      String busy = portsInUse(server);
      if (busy != null) {
        return fail(busy);
      }
      if (demo) {
        // Rebuilding the demo under a running server would leave it serving a deleted file: refuse instead.
        markers.add(ServeMarker.claimExclusively(cwd.resolve(EnvsweepConfig.DEMO_FILE)));
        cfg = Demo.create(cwd);
      } else {
        DatabaseFiles.requireExisting(cfg);
      }
      Envsweep envsweep = Envsweep.open(cfg);
      EnvsweepServer http;
      try {
        http = EnvsweepServer.builder(envsweep).server(server).insecure(insecure).start();
      } catch (RuntimeException e) {
        envsweep.close();
        return fail(e.getMessage());
      }
      String httpUrl = "http" + (server.tls() ? "s" : "") + "://" + hostForUrl(server.host()) + ":" + http.port();
      if (!demo) {
        for (Path file : DatabaseFiles.local(cfg)) {
          markers.add(ServeMarker.claimShared(file));
        }
      }
      for (ServeMarker m : markers) {
        m.announce(httpUrl);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        http.close();
        envsweep.close();
        markers.forEach(ServeMarker::close);
      }, "envsweep-shutdown"));
      System.out.println("envsweep serving " + cfg.source() + " (state: " + describeState(cfg) + ")");
      if (http.pgPort() >= 0) {
        System.out.println("PostgreSQL wire protocol on " + server.host() + ":" + http.pgPort() + " (psql -h "
            + server.host() + " -p " + http.pgPort() + ")");
      }
      if (http.metricsPort() >= 0) {
        System.out.println("metrics on " + (server.tls() ? "https" : "http") + "://" + hostForUrl(server.host())
            + ":" + http.metricsPort() + "/metrics (health: /health/live, /health/ready)");
      }
      System.out.println("listening on " + http.clientUrl());
      System.out.println("connect with: " + Launcher.command() + " sql --url '" + http.clientUrl() + "'");
      System.out.flush();
      http.join();
      return OK;
    } catch (ServeMarker.HeldException e) {
      return fail(e.getMessage());
    } catch (ConfigException e) {
      markers.forEach(ServeMarker::close);
      return fail(e.getMessage());
    } catch (SQLException e) {
      markers.forEach(ServeMarker::close);
      return fail(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OK;
    } catch (Exception e) {
      markers.forEach(ServeMarker::close);
      return fail(e.getMessage());
    }
  }

  /**
   * Which configured port is already taken, in words, or null. Binding and releasing each port first costs
   * nothing and keeps a busy port from failing the start after the state store has been opened (or created).
   */
  static String portsInUse(ServerConfig server) {
    List<String> busy = new ArrayList<>();
    if (server.port() > 0 && !bindable(server.host(), server.port())) {
      busy.add("HTTP port " + server.port());
    }
    if (server.pgPort() != null && server.pgPort() > 0 && !bindable(server.host(), server.pgPort())) {
      busy.add("PostgreSQL port " + server.pgPort());
    }
    if (server.metricsPort() != null && server.metricsPort() > 0 && !bindable(server.host(), server.metricsPort())) {
      busy.add("metrics port " + server.metricsPort());
    }
    if (busy.isEmpty()) {
      return null;
    }
    return "cannot listen on " + server.host() + ": " + String.join(" and ", busy) + (busy.size() == 1 ? " is" : " are")
        + " already in use (another envsweep serve?); stop that process or pick another with "
        + (busy.get(0).startsWith("HTTP") ? "--port" : "--pg-port");
  }

  private static boolean bindable(String host, int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(host, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String hostForUrl(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  private static String describeState(EnvsweepConfig cfg) {
    return cfg.stateStore().url() == null ? "default gateway '" + cfg.defaultGateway() + "', "
        + cfg.defaultGatewayConfig().safeUrl() : dev.envsweep.core.config.Urls.withoutSecrets(
            cfg.stateStore().url());
  }
}
