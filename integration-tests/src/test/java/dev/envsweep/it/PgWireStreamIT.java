package dev.envsweep.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A large result through the PostgreSQL port streams: 100,000 rows with the server at {@code -Xmx256m}. */
class PgWireStreamIT {

  @Test
  void aHundredThousandRowsStreamThroughASmallHeap() throws Exception {
    Path dir = Files.createTempDirectory("envsweep-pg-stream-");
    int pgPort = ServerProcess.freePort();
    try (ServerProcess server = ServerProcess.serveWithHeap(dir, "protobuf", Map.of(), "256m", "--pg-port",
        String.valueOf(pgPort))) {
      Process psql = new ProcessBuilder("psql", "-X", "-A", "-t", "-h", "127.0.0.1", "-p", String.valueOf(pgPort),
          "-c", "SELECT i, repeat('x', 200) AS padding FROM range(100000) t(i)").start();
      long rows = 0;
      long last = -1;
      try (BufferedReader r = new BufferedReader(new InputStreamReader(psql.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          rows++;
          last = Long.parseLong(line.substring(0, line.indexOf('|')));
        }
      }
      assertThat(psql.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(psql.exitValue()).as(new String(psql.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
          .isZero();
      assertThat(rows).isEqualTo(100_000);
      assertThat(last).isEqualTo(99_999);
      assertThat(server.stderr()).doesNotContain("OutOfMemoryError");
    }
  }
}
