package dev.envsweep.server.metrics;

import dev.envsweep.core.Envsweep;
import dev.envsweep.core.config.ServerConfig;
import dev.envsweep.core.lifecycle.Janitor;
import dev.envsweep.server.auth.UsersFile;
import dev.envsweep.server.auth.UsersLoginService;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.security.ConstraintMapping;
import org.eclipse.jetty.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.eclipse.jetty.util.security.Constraint;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The monitoring listener ({@code server.metrics_port}, {@code serve --metrics-port}): {@code GET /metrics} in
 * Prometheus text format, {@code GET /health/live} and {@code GET /health/ready}. It follows the rules of the
 * other listeners: it binds {@code server.host}; with {@code server.tls} it speaks HTTPS with the same keystore;
 * with {@code server.authentication: basic}, {@code /metrics} needs a user of the users file (any role), checked
 * by the same login service as the Avatica port. The health paths stay open, as orchestrators' probes rarely
 * carry credentials; they say only which component is down, never why (the reason is in {@code sys.gateways} and
 * the server's log).
 *
 * <p>Jetty rather than the JDK's {@code com.sun.net.httpserver}: it is already in the server (Avatica's, 9.4), and
 * it brings TLS from a keystore and the users-file login service as the Avatica port uses them.
 */
public final class MetricsServer implements AutoCloseable {
  private static final String TEXT = "text/plain; charset=utf-8";

  private final Server jetty;
  private final ServerConnector connector;
  private final Health health;
  private final EnvsweepMetrics metrics;

  private MetricsServer(Server jetty, ServerConnector connector, Health health, EnvsweepMetrics metrics) {
    this.jetty = jetty;
    this.connector = connector;
    this.health = health;
    this.metrics = metrics;
  }

  /**
   * Starts listening on {@code config.metricsPort()}.
   *
   * @param users the users file's users when {@code server.authentication} is basic, else null
   */
  public static MetricsServer start(Envsweep envsweep, Janitor janitor, ServerConfig config,
      Map<String, UsersFile.User> users) {
    PrometheusRegistry registry = new PrometheusRegistry();
    EnvsweepMetrics metrics = new EnvsweepMetrics(envsweep, janitor);
    registry.register(metrics);
    Health health = new Health(envsweep);
    QueuedThreadPool threads = new QueuedThreadPool(8, 2);
    threads.setName("envsweep-metrics");
    threads.setDaemon(true);
    Server jetty = new Server(threads);
    ServerConnector connector;
    if (config.tls()) {
      SslContextFactory.Server ssl = new SslContextFactory.Server();
      ssl.setKeyStorePath(config.tlsKeystore().toString());
      ssl.setKeyStorePassword(config.tlsPassword());
      connector = new ServerConnector(jetty, ssl);
    } else {
      connector = new ServerConnector(jetty);
    }
    connector.setHost(config.host());
    connector.setPort(config.metricsPort());
    jetty.addConnector(connector);
    AbstractHandler endpoints = new Endpoints(registry, health);
    if (users != null) {
      jetty.setHandler(basicAuth(endpoints, users));
    } else {
      jetty.setHandler(endpoints);
    }
    try {
      jetty.start();
    } catch (Exception e) {
      health.close();
      metrics.close();
      try {
        jetty.stop();
      } catch (Exception ignored) {
        // Nothing started that needs stopping beyond what stop already tried.
      }
      throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.metricsPort()
          + " for metrics and health (server.metrics_port): " + e.getMessage(), e);
    }
    return new MetricsServer(jetty, connector, health, metrics);
  }

  /** {@code /metrics} for any user of the users file; {@code /health/*} for anyone. */
  private static ConstraintSecurityHandler basicAuth(AbstractHandler endpoints, Map<String, UsersFile.User> users) {
    Constraint constraint = new Constraint(Constraint.__BASIC_AUTH, UsersFile.ADMIN);
    constraint.setRoles(new String[] {UsersFile.ADMIN, UsersFile.READONLY});
    constraint.setAuthenticate(true);
    ConstraintMapping metrics = new ConstraintMapping();
    metrics.setConstraint(constraint);
    metrics.setPathSpec("/metrics");
    ConstraintSecurityHandler security = new ConstraintSecurityHandler();
    security.setConstraintMappings(List.of(metrics));
    security.setAuthenticator(new BasicAuthenticator());
    security.setLoginService(new UsersLoginService("envsweep", users));
    security.setHandler(endpoints);
    return security;
  }

  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (Exception e) {
      throw new IllegalStateException("stopping the metrics listener: " + e.getMessage(), e);
    } finally {
      health.close();
      metrics.close();
    }
  }

  /** The three paths; anything else is 404, any method but GET and HEAD 405. */
  private static final class Endpoints extends AbstractHandler {
    private final PrometheusRegistry registry;
    private final Health health;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    Endpoints(PrometheusRegistry registry, Health health) {
      this.registry = registry;
      this.health = health;
    }

    @Override
    public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      base.setHandled(true);
      if (!target.equals("/metrics") && !target.equals("/health/live") && !target.equals("/health/ready")) {
        send(response, 404, TEXT, "not found: " + target + " (paths: /metrics, /health/live, /health/ready)\n");
        return;
      }
      if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
        response.setHeader("Allow", "GET, HEAD");
        send(response, 405, TEXT, request.getMethod() + " is not allowed; use GET\n");
        return;
      }
      switch (target) {
        case "/metrics" -> {
          response.setStatus(200);
          response.setContentType(PrometheusTextFormatWriter.CONTENT_TYPE);
          try (OutputStream body = response.getOutputStream()) {
            writer.write(body, registry.scrape());
          }
        }
        case "/health/live" -> send(response, 200, "application/json", "{\"status\":\"UP\"}\n");
        default -> {
          Health.Report report = health.ready();
          StringBuilder json = new StringBuilder("{\"status\":\"").append(report.ready() ? "UP" : "DOWN")
              .append("\",\"components\":{");
          String sep = "";
          for (Map.Entry<String, Optional<String>> c : report.components().entrySet()) {
            json.append(sep).append('"').append(c.getKey().replace("\\", "\\\\").replace("\"", "\\\""))
                .append("\":\"")
                .append(c.getValue().isEmpty() ? "UP" : "DOWN").append('"');
            sep = ",";
          }
          send(response, report.ready() ? 200 : 503, "application/json", json.append("}}\n").toString());
        }
      }
    }

    private static void send(HttpServletResponse response, int status, String type, String body)
        throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      response.setStatus(status);
      response.setContentType(type);
      response.setContentLength(bytes.length);
      try (OutputStream out = response.getOutputStream()) {
        out.write(bytes);
      }
    }
  }
}
