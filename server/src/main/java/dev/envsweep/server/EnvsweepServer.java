package dev.envsweep.server;

import dev.envsweep.core.Envsweep;
import dev.envsweep.core.config.ServerConfig;
import dev.envsweep.core.meta.EnvsweepMeta;
import dev.envsweep.core.lifecycle.Janitor;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import dev.envsweep.server.auth.CallerHandler;
import dev.envsweep.server.metrics.MetricsServer;
import dev.envsweep.server.pg.PgServer;
import dev.envsweep.server.auth.UsersFile;
import dev.envsweep.server.auth.UsersLoginService;
import org.eclipse.jetty.security.ConstraintSecurityHandler;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.HttpServer;
import org.apache.calcite.avatica.server.ServerCustomizer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Avatica's HTTP server over envsweep's one seam: {@code LocalService} over an {@link EnvsweepMeta} of one shared
 * {@link Envsweep}, the same Meta the in-process driver runs on, so embedded and remote use share one code path.
 * Assembled from a builder, as Avatica's {@code StandaloneServer} is.
 */
public final class EnvsweepServer implements AutoCloseable {
  private final Envsweep envsweep;
  private final HttpServer http;
  private final EnvsweepMeta meta;
  private final PgServer pg;
  private final ServerConfig config;
  private final Janitor janitor;
  /** The cleanup path's warm-up after listening; waited for on close, so it never outlives the stores it reads. */
  private final Thread warmUp;
  /** Null when {@code server.metrics_port} is unset; its classes (and Prometheus's) are then never loaded. */
  private final MetricsServer metrics;

  private EnvsweepServer(Envsweep envsweep, HttpServer http, EnvsweepMeta meta, PgServer pg, ServerConfig config,
      Janitor janitor, MetricsServer metrics, Thread warmUp) {
    this.envsweep = envsweep;
    this.http = http;
    this.meta = meta;
    this.pg = pg;
    this.config = config;
    this.janitor = janitor;
    this.metrics = metrics;
    this.warmUp = warmUp;
  }

  public static Builder builder(Envsweep envsweep) {
    return new Builder(envsweep);
  }

  /** Builds and starts a server. */
  public static final class Builder {
    private final Envsweep envsweep;
    private ServerConfig config;
    private boolean insecure;
    private Duration janitorSchedule;

    private Builder(Envsweep envsweep) {
      this.envsweep = envsweep;
      this.config = envsweep.config().server();
      int every = envsweep.config().janitor().scheduleSeconds();
      this.janitorSchedule = every > 0 ? Duration.ofSeconds(every) : null;
    }

    /** Runs a background cleanup round on start and then this long after each round; null for none. */
    public Builder janitor(Duration every) {
      this.janitorSchedule = every;
      return this;
    }

    public Builder server(ServerConfig server) {
      this.config = server;
      return this;
    }

    /** Allow a non-loopback address without authentication. */
    public Builder insecure(boolean allow) {
      this.insecure = allow;
      return this;
    }

    public EnvsweepServer start() throws SQLException {
      boolean basic = config.authentication().equals("basic");
      if (!config.isLoopback() && !insecure && (!basic || !config.tls())) {
        throw new IllegalStateException("refusing to listen on " + config.host() + " without "
            + (basic ? "TLS (basic authentication would send passwords in clear)" : "authentication")
            + ": anyone who can reach it could drop warehouse objects. Keep server.host 127.0.0.1, configure "
            + "server.authentication: basic and server.tls, or pass --insecure if this network is trusted");
      }
      Map<String, UsersFile.User> users = Map.of();
      if (basic) {
        try {
          users = UsersFile.read(config.usersFile());
        } catch (java.io.IOException e) {
          throw new IllegalStateException("cannot read server.users_file " + config.usersFile() + ": "
              + e.getMessage());
        } catch (IllegalArgumentException e) {
          throw new IllegalStateException(e.getMessage());
        }
      }
      EnvsweepMeta meta = new EnvsweepMeta(envsweep, config.statementTimeout());
      Serialization serialization = Serialization.valueOf(config.serialization().toUpperCase(Locale.ROOT));
      String host = config.host();
      Map<String, UsersFile.User> known = users;
      ServerCustomizer<Server> customize = server -> {
        for (Connector c : server.getConnectors()) {
          ((ServerConnector) c).setHost(host);
        }
        ConstraintSecurityHandler security = server.getChildHandlerByClass(ConstraintSecurityHandler.class);
        CallerHandler caller = new CallerHandler();
        if (security != null) {
          // Jetty's own login service knows only MD5 and crypt; the users file holds PBKDF2 hashes.
          UsersLoginService login = new UsersLoginService("envsweep", known);
          security.setLoginService(login);
          server.addBean(login);
          // Inside the security handler, where the request's user is known.
          caller.setHandler(security.getHandler());
          security.setHandler(caller);
        } else {
          caller.setHandler(server.getHandler());
          server.setHandler(caller);
        }
      };
      HttpServer.Builder<Server> builder = new HttpServer.Builder<Server>()
          .withHandler(CleanErrors.wrap(new LocalService(meta)), serialization)
          .withPort(config.port())
          .withServerCustomizers(List.of(customize), Server.class);
      if (basic) {
        builder.withBasicAuthentication(config.usersFile().toString(),
            new String[] {UsersFile.ADMIN, UsersFile.READONLY});
      }
      if (config.tls()) {
        builder.withTLS(config.tlsKeystore().toFile(), config.tlsPassword(), config.tlsKeystore().toFile(),
            config.tlsPassword());
      }
      HttpServer http = builder.build();
      http.start();
      PgServer pg = null;
      if (config.pgPort() != null) {
        try {
          pg = PgServer.start(meta, host, config.pgPort(), config.pgMaxConnections(), config.tlsKeystore(),
              config.tlsPassword(), basic ? users : null);
        } catch (java.io.IOException e) {
          http.stop();
          meta.close();
          throw new IllegalStateException("cannot listen on " + host + ":" + config.pgPort() + " for the PostgreSQL "
              + "wire protocol: " + e.getMessage());
        }
      }
      Janitor janitor = null;
      if (janitorSchedule != null) {
        try {
          janitor = Janitor.start(envsweep.lifecycle(), envsweep.state(), envsweep.server(), janitorSchedule);
        } catch (SQLException | RuntimeException e) {
          http.stop();
          if (pg != null) {
            pg.close();
          }
          meta.close();
          throw e;
        }
      }
      MetricsServer metrics = null;
      if (config.metricsPort() != null) {
        try {
          metrics = MetricsServer.start(envsweep, janitor, config, basic ? users : null);
        } catch (RuntimeException e) {
          if (janitor != null) {
            janitor.close();
          }
          http.stop();
          if (pg != null) {
            pg.close();
          }
          meta.close();
          throw e;
        }
      }
      // Once listening, the cleanup path warms up, so that the first CLEANUP does not pay for loading it (and
      // start-up does not pay for warming it: measured, it delays the first answer when run alongside).
      Thread warm = new Thread(envsweep.lifecycle()::warmUp, "envsweep-warm-up-cleanup");
      warm.setDaemon(true);
      warm.start();
      return new EnvsweepServer(envsweep, http, meta, pg, config, janitor, metrics, warm);
    }
  }

  public int port() {
    return http.getPort();
  }

  /** The PostgreSQL wire-protocol port, or -1 when there is no such listener. */
  public int pgPort() {
    return pg == null ? -1 : pg.port();
  }

  /** The URL a client gives the stock Avatica driver. */
  public String clientUrl() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return "jdbc:avatica:remote:url=" + (config.tls() ? "https" : "http") + "://" + host + ":" + port()
        + ";serialization=" + config.serialization()
        + (config.authentication().equals("basic") ? ";authentication=BASIC" : "");
  }

  /** The metrics and health port, or -1 when there is no such listener. */
  public int metricsPort() {
    return metrics == null ? -1 : metrics.port();
  }

  public void join() throws InterruptedException {
    http.join();
  }

  @Override
  public void close() {
    if (metrics != null) {
      metrics.close();
    }
    if (janitor != null) {
      janitor.close();
    }
    if (pg != null) {
      pg.close();
    }
    http.stop();
    // The warm-up reads the state store and the gateways (EXPLAIN of one environment): a server closed at once
    // must not leave it holding, or opening after the close, a connection to a store the caller closes next (an
    // embedded DuckDB file then stays attached and cannot be opened again in this process).
    try {
      warmUp.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    meta.close();
  }
}
