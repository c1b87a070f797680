package dev.envsweep.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * With {@code server.authentication: basic}, the PostgreSQL port authenticates against the users file with
 * SCRAM-SHA-256, as psql asks by default, and a read-only user may query {@code sys.*} and nothing else, as on
 * the Avatica port.
 */
class PgWireAuthIT {

  private static ServerProcess.Result psql(Path dir, int port, String user, String password, String sql)
      throws Exception {
    ProcessBuilder builder = new ProcessBuilder("psql", "-X", "-A", "-t", "-v", "VERBOSITY=verbose", "-h",
        "127.0.0.1", "-p", String.valueOf(port), "-U", user, "-d", "any", "-c", sql).directory(dir.toFile());
    builder.environment().put("PGPASSWORD", password);
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new ServerProcess.Result(p.exitValue(), out, err);
  }

  @Test
  void scramAgainstTheUsersFileAndTheReadOnlyRole() throws Exception {
    Path dir = Files.createTempDirectory("envsweep-pg-auth-");
    Files.writeString(dir.resolve("users"), "alice: " + SecurityIT.hash("alice-secret") + ", admin\nbob: "
        + SecurityIT.hash("bob-secret") + ", readonly\n");
    int pgPort = ServerProcess.freePort();
    Path config = ServerProcess.writeConfig(dir, """
        state_store:
          create: true
        gateways:
          local:
            url: jdbc:duckdb:%s
        server:
          pg_port: %d
          authentication: basic
          users_file: %s
        """.formatted(dir.resolve("wh.duckdb"), pgPort, dir.resolve("users")));
    try (ServerProcess server = ServerProcess.serve(dir, "protobuf", "--config", config.toString())) {
      ServerProcess.Result admin = psql(dir, pgPort, "alice", "alice-secret", "SELECT count(*) FROM sys.gateways");
      assertThat(admin.exitCode()).as(admin.err()).isZero();
      assertThat(admin.out().strip()).isEqualTo("1");
      assertThat(psql(dir, pgPort, "alice", "alice-secret", "CREATE TABLE t (i INT)").exitCode()).isZero();

      for (List<String> wrong : List.of(List.of("alice", "not-it"), List.of("mallory", "alice-secret"))) {
        ServerProcess.Result refused = psql(dir, pgPort, wrong.get(0), wrong.get(1), "SELECT 1");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("FATAL:  password authentication failed for user \"" + wrong.get(0)
            + "\"");
      }

      ServerProcess.Result reads = psql(dir, pgPort, "bob", "bob-secret", "SELECT count(*) FROM sys.environments");
      assertThat(reads.exitCode()).as(reads.err()).isZero();
      ServerProcess.Result writes = psql(dir, pgPort, "bob", "bob-secret", "DROP TABLE t");
      assertThat(writes.exitCode()).isEqualTo(1);
      assertThat(writes.err()).contains("42501").contains("user 'bob' is read-only");
      assertThat(psql(dir, pgPort, "alice", "alice-secret", "SELECT count(*) FROM t").out().strip()).isEqualTo("0");
    }
  }
}
