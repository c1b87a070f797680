package dev.envsweep.bench;

import dev.envsweep.core.Envsweep;
import dev.envsweep.core.config.ConfigLoader;
import dev.envsweep.core.config.EnvsweepConfig;
import dev.envsweep.server.EnvsweepServer;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * envsweep served in this JVM by the Avatica server and its PostgreSQL wire-protocol listener, with a client on the
 * stock Avatica remote driver over HTTP and one on pgjdbc over the PG port.
 */
final class Served implements AutoCloseable {
  final Envsweep envsweep;
  final EnvsweepServer server;
  final Connection client;
  /** pgjdbc over the PG port, in its default extended-protocol mode (Parse/Bind/Execute per statement). */
  final Connection pgClient;

  Served(String yaml) throws Exception {
    CaptureDriver.register();
    EnvsweepConfig config = new ConfigLoader().parse(yaml, "bench.yaml");
    envsweep = Envsweep.open(config);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    server = EnvsweepServer.builder(envsweep).server(config.server().withPort(port).withPgPort(0)).janitor(null)
        .start();
    client = DriverManager.getConnection(server.clientUrl());
    pgClient = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.pgPort() + "/envsweep",
        "bench", "");
  }

  /** A statement's wall time, from sending it to having read its last row, and how many rows it returned. */
  record Timed(long nanos, long rows) {}

  Timed time(String sql) throws SQLException {
    return time(client, sql);
  }

  /** The same over the PG port. */
  Timed timePg(String sql) throws SQLException {
    return time(pgClient, sql);
  }

  private static Timed time(Connection client, String sql) throws SQLException {
    long start = System.nanoTime();
    long rows = 0;
    try (Statement s = client.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows++;
      }
    }
    return new Timed(System.nanoTime() - start, rows);
  }

  @Override
  public void close() throws SQLException {
    try (pgClient) {
      client.close();
    } finally {
      server.close();
      envsweep.close();
    }
  }
}
