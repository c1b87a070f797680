package dev.envsweep.server;

import dev.envsweep.core.Envsweep;
import dev.envsweep.core.config.ServerConfig;
import dev.envsweep.core.jdbc.EnvsweepDriver;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.HttpServer;
import org.apache.calcite.avatica.server.ServerCustomizer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Avatica's HTTP server over envsweep's own JDBC driver: Avatica's stock {@link JdbcMeta} serves
 * {@code jdbc:envsweep:} connections to one shared {@link Envsweep}, so embedded and remote use share one code
 * path. Assembled from a builder, as Avatica's {@code StandaloneServer} is.
 */
public final class EnvsweepServer implements AutoCloseable {
  private final Envsweep envsweep;
  private final HttpServer http;
  private final String boundUrl;
  private final ServerConfig config;

  private EnvsweepServer(Envsweep envsweep, HttpServer http, String boundUrl, ServerConfig config) {
    this.envsweep = envsweep;
    this.http = http;
    this.boundUrl = boundUrl;
    this.config = config;
  }

  public static Builder builder(Envsweep envsweep) {
    return new Builder(envsweep);
  }

  /** Builds and starts a server. */
  public static final class Builder {
    private final Envsweep envsweep;
    private ServerConfig config;
    private boolean insecure;

    private Builder(Envsweep envsweep) {
      this.envsweep = envsweep;
      this.config = envsweep.config().server();
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
      if (!config.isLoopback() && config.authentication().equals("none") && !insecure) {
        throw new IllegalStateException("refusing to listen on " + config.host() + " without authentication: "
            + "anyone who can reach it could drop warehouse objects. Keep server.host 127.0.0.1, or pass "
            + "--insecure if this network is trusted");
      }
      String url = EnvsweepDriver.bind(envsweep);
      JdbcMeta meta = new JdbcMeta(url);
      Serialization serialization = Serialization.valueOf(config.serialization().toUpperCase(Locale.ROOT));
      String host = config.host();
      ServerCustomizer<Server> bindHost = server -> {
        for (Connector c : server.getConnectors()) {
          ((ServerConnector) c).setHost(host);
        }
      };
      HttpServer http = new HttpServer.Builder<Server>()
          .withHandler(CleanErrors.wrap(new LocalService(meta)), serialization)
          .withPort(config.port())
          .withServerCustomizers(List.of(bindHost), Server.class)
          .build();
      http.start();
      return new EnvsweepServer(envsweep, http, url, config);
    }
  }

  public int port() {
    return http.getPort();
  }

  /** The URL a client gives the stock Avatica driver. */
  public String clientUrl() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return "jdbc:avatica:remote:url=http://" + host + ":" + port() + ";serialization=" + config.serialization();
  }

  public void join() throws InterruptedException {
    http.join();
  }

  @Override
  public void close() {
    http.stop();
    EnvsweepDriver.unbind(boundUrl);
  }
}
