package dev.envsweep.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL port with PostgreSQL itself as the default gateway and state store: envsweep's statements and
 * sys tables, and everything else answered by the real PostgreSQL behind it, through psql, psycopg2 and pgjdbc.
 */
class PgWireGatewayIT {

  @Test
  void clientsOfThePgPortReachEnvsweepAndThePostgresqlBehindIt() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE wh");
      }
      Path dir = Files.createTempDirectory("envsweep-pg-gateway-");
      int pgPort = ServerProcess.freePort();
      Path config = ServerProcess.writeConfig(dir, """
          state_store:
            create: true
          gateways:
            wh:
              url: %s
              user: postgres
          server:
            pg_port: %d
          """.formatted(postgres.getJdbcUrl("postgres", "wh"), pgPort));
      try (ServerProcess server = ServerProcess.serve(dir, "protobuf", "--config", config.toString())) {
        try (Connection c = server.connect()) {
          ClientBehaviourIT.environment(c, "pr_1", ClientBehaviourIT.FUTURE);
        }
        List<String> psql = new ArrayList<>(List.of("psql", "-X", "-A", "-t", "-h", "127.0.0.1", "-p",
            String.valueOf(pgPort), "-U", "ci", "-d", "any", "-c", "INVALIDATE ENVIRONMENT pr_1", "-c",
            "SELECT status FROM sys.environments WHERE name = 'pr_1'", "-c", "SELECT version()", "-c",
            "SELECT current_database()"));
        Process p = new ProcessBuilder(psql).redirectErrorStream(true).start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(printed).isZero();
        assertThat(printed).contains("|INVALIDATED|").contains("\nEXPIRED\n").contains("PostgreSQL 14")
            .endsWith("wh\n");

        Path script = dir.resolve("client.py");
        Files.writeString(script, """
            import sys, psycopg2
            conn = psycopg2.connect(host='127.0.0.1', port=int(sys.argv[1]), user='dbt', dbname='x')
            cur = conn.cursor()
            cur.execute('SELECT %s::int + 1 AS n, pg_typeof(%s::numeric)::text', (41, 1))
            print(cur.fetchall(), cur.description[0].type_code)
            cur.execute('RESTORE ENVIRONMENT pr_1')
            print(cur.statusmessage, cur.fetchall()[0][5])
            conn.commit()
            conn.close()
            """);
        Process py = new ProcessBuilder("/usr/bin/python3", script.toString(), String.valueOf(pgPort))
            .redirectErrorStream(true).start();
        String out = new String(py.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(py.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(py.exitValue()).as(out).isZero();
        assertThat(out.lines().toList()).containsExactly("[(42, 'numeric')] 23", "RESTORE 1 RESTORED");

        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort
            + "/x?sslmode=disable&prepareThreshold=1", "ci", "");
            PreparedStatement ps = c.prepareStatement("SELECT CAST(? AS INTEGER) * 2 AS twice, now() IS NOT NULL")) {
          for (int i = 1; i <= 3; i++) {
            ps.setInt(1, i);
            assertThat(Sql.rows(ps.executeQuery())).containsExactly(List.of(String.valueOf(2 * i), "t"));
          }
          assertThat(Sql.rows(c, "SELECT status FROM sys.environments WHERE name = 'pr_1'"))
              .containsExactly(List.of("LIVE"));
        }
      }
    }
  }
}
