package dev.envsweep.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code server.statement_timeout}: the stock Avatica client sends no query timeout, so the server stops any
 * client statement that runs longer, with 57014, and the client's connection stays usable.
 */
class StatementTimeoutIT {

  @Test
  void theServerStopsAStatementThatRunsPastItsTimeout() throws Exception {
    Path dir = Files.createTempDirectory("envsweep-timeout-");
    Path config = ServerProcess.writeConfig(dir, """
        state_store:
          create: true
        gateways:
          local:
            url: jdbc:duckdb:%s
        server:
          statement_timeout: 1s
        """.formatted(dir.resolve("wh.duckdb")));
    try (ServerProcess server = ServerProcess.serve(dir, "protobuf", "--config", config.toString());
        Connection c = server.connect()) {
      long start = System.nanoTime();
      SQLException stopped = catchThrowableOfType(() -> Sql.rows(c,
          "SELECT count(*) FROM range(1000000000000) a(i) WHERE i % 7 = 3"), SQLException.class);
      long elapsed = (System.nanoTime() - start) / 1_000_000;
      assertThat(stopped.getSQLState()).isEqualTo("57014");
      assertThat(stopped.getMessage()).contains("canceling statement due to statement timeout "
          + "(server.statement_timeout PT1S)");
      assertThat(elapsed).isBetween(900L, 10_000L);
      assertThat(Sql.rows(c, "SELECT 1")).containsExactly(List.of("1"));
    }
  }
}
