package dev.envsweep.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * With {@code server.tls} configured, the PostgreSQL port answers an SSLRequest with {@code S} and the session
 * goes on over TLS with the server's keystore, as psql's {@code sslmode=require} asks.
 */
class PgWireTlsIT {
  static final String PASSWORD = "keystore-secret";

  @Test
  void psqlWithSslmodeRequireTalksOverTls() throws Exception {
    Path dir = Files.createTempDirectory("envsweep-pg-tls-");
    SecurityIT.keystore(dir.resolve("server.p12"), PASSWORD);
    int pgPort = ServerProcess.freePort();
    Path config = ServerProcess.writeConfig(dir, """
        state_store:
          create: true
        gateways:
          local:
            url: jdbc:duckdb:%s
        server:
          pg_port: %d
          tls:
            keystore: %s
            password: %s
        """.formatted(dir.resolve("wh.duckdb"), pgPort, dir.resolve("server.p12"), PASSWORD));
    try (ServerProcess server = ServerProcess.serve(dir, "protobuf", "--config", config.toString())) {
      Process psql = new ProcessBuilder("psql", "-X", "-A", "-t", "host=127.0.0.1 port=" + pgPort
          + " user=ci dbname=any sslmode=require", "-c", "SELECT count(*) FROM sys.environments", "-c",
          "\\conninfo").redirectErrorStream(true).start();
      String printed = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(psql.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(psql.exitValue()).as(printed).isZero();
      assertThat(printed).startsWith("0\n").contains("SSL connection (protocol: TLSv1.");
    }
  }
}
