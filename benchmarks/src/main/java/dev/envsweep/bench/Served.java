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

/** envsweep served by the Avatica server in this JVM, and a client on the stock remote driver over HTTP. */
final class Served implements AutoCloseable {
  final Envsweep envsweep;
  final EnvsweepServer server;
  final Connection client;

  Served(String yaml) throws Exception {
    CaptureDriver.register();
    EnvsweepConfig config = new ConfigLoader().parse(yaml, "bench.yaml");
    envsweep = Envsweep.open(config);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    server = EnvsweepServer.builder(envsweep).server(config.server().withPort(port)).janitor(null).start();
    client = DriverManager.getConnection(server.clientUrl());
  }

  /** A statement's wall time, from sending it to having read its last row, and how many rows it returned. */
  record Timed(long nanos, long rows) {}

  Timed time(String sql) throws SQLException {
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
    try {
      client.close();
    } finally {
      server.close();
      envsweep.close();
    }
  }
}
