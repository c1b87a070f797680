package dev.envsweep.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code serve} logs of its clients' statements: one line per envsweep statement, with who sent it, what it
 * did and its run id, as text, as JSON lines, or as a Logback file of the user's says.
 */
class ServerLogIT {
  @TempDir Path dir;

  private void config() throws Exception {
    ServerProcess.writeConfig(dir, """
        state_store:
          create: true
        gateways:
          local:
            url: jdbc:duckdb:%s
        """.formatted(dir.resolve("wh.duckdb")));
  }

  /** Two expired environments with the schema target: two views each, in two schemas. */
  private static Project expired(Connection c, Path dir) throws SQLException {
    Project project = new Project(c, "wh", dir);
    project.physicalTables();
    project.environment("pr_1", "schema", EndToEndTests.PAST);
    project.environment("pr_2", "schema", EndToEndTests.PAST);
    project.environment("live", "schema", EndToEndTests.FUTURE);
    return project;
  }

  @Test
  void aCleanupIsOneLineSayingWhoWhatAndHowLong() throws Exception {
    config();
    try (ServerProcess server = ServerProcess.serve(dir, "protobuf", "--config", dir.resolve("envsweep.yaml")
        .toString()); Connection c = server.connect()) {
      expired(c, dir);
      Sql.rows(c, "CLEANUP EXPIRED ENVIRONMENTS");
      String runId = Sql.strings(c, "SELECT DISTINCT run_id FROM sys.cleanup_history WHERE status = 'DROPPED'")
          .get(0);
      long dropped = Long.parseLong(Sql.strings(c, "SELECT count(*) FROM sys.cleanup_history WHERE run_id = '"
          + runId + "' AND status = 'DROPPED'").get(0));
      try {
        Sql.rows(c, "INVALIDATE ENVIRONMEN pr_3");
      } catch (SQLException expected) {
        // logged, not fatal
      }
      Sql.rows(c, "SELECT 42");

      String cleanup = awaitLine(server, "CLEANUP EXPIRED ENVIRONMENTS by ");
      Matcher m = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) INFO  "
          + "statements - CLEANUP EXPIRED ENVIRONMENTS by 127\\.0\\.0\\.1:\\d+: 2 environment\\(s\\), (\\d+) "
          + "object\\(s\\), DROPPED=(\\d+) DELETED=2, \\d+ ms, run_id=(\\S+)$").matcher(cleanup);
      assertThat(m.matches()).as(cleanup).isTrue();
      // One schema per environment: both models live in schema sales.
      assertThat(Long.parseLong(m.group(3))).isEqualTo(dropped).isEqualTo(2);
      assertThat(m.group(2)).isEqualTo("2");
      assertThat(m.group(4)).isEqualTo(runId);

      String typo = awaitLine(server, "INVALIDATE ENVIRONMEN pr_3 by ");
      assertThat(typo).contains("INFO  statements - INVALIDATE ENVIRONMEN pr_3 by 127.0.0.1:")
          .contains(": failed with Encountered \"ENVIRONMEN\" at line 1, column 12.").contains("(42601)");
      // Forwarded queries are at debug, which the default configuration does not show.
      assertThat(server.stderr()).doesNotContain("SELECT 42");
    }
  }

  @Test
  void jsonLinesCarryTheFieldsForLogShippers() throws Exception {
    config();
    try (ServerProcess server = ServerProcess.serve(dir, "protobuf", "--config", dir.resolve("envsweep.yaml")
        .toString(), "--log-format", "json"); Connection c = server.connect()) {
      expired(c, dir);
      Sql.rows(c, "INVALIDATE ENVIRONMENT live");
      Sql.rows(c, "CLEANUP EXPIRED ENVIRONMENTS");
      awaitLine(server, "CLEANUP EXPIRED ENVIRONMENTS by ");

      ObjectMapper json = new ObjectMapper();
      List<JsonNode> statements = new ArrayList<>();
      for (String line : server.stderr().split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode event = json.readTree(line); // every line is one JSON object
        assertThat(event.isObject()).as(line).isTrue();
        if (event.path("loggerName").asText().equals("dev.envsweep.statements")) {
          statements.add(event);
        }
      }
      assertThat(statements).hasSize(2);
      Map<String, String> invalidate = fields(statements.get(0));
      assertThat(invalidate).containsEntry("statement", "INVALIDATE ENVIRONMENT live")
          .containsEntry("environments", "1").containsEntry("invalidated", "1").containsKey("run_id")
          .containsKey("elapsed_ms").containsKey("remote");
      assertThat(statements.get(0).path("level").asText()).isEqualTo("INFO");
      Map<String, String> cleanup = fields(statements.get(1));
      assertThat(cleanup).containsEntry("statement", "CLEANUP EXPIRED ENVIRONMENTS")
          .containsEntry("environments", "3").containsEntry("objects", "3").containsEntry("dropped", "3")
          .containsEntry("deleted", "3");
      assertThat(statements.get(1).path("formattedMessage").asText()).startsWith("CLEANUP EXPIRED ENVIRONMENTS by ")
          .contains(": 3 environment(s), 3 object(s), DROPPED=3 DELETED=3, ");
    }
  }

  @Test
  void aLogbackFileOfTheUsersDecidesLevelsAndWhereLinesGo() throws Exception {
    config();
    Path log = dir.resolve("envsweep.log");
    Path xml = dir.resolve("logback.xml");
    Files.writeString(xml, """
        <configuration>
          <appender name="file" class="ch.qos.logback.core.FileAppender">
            <file>%s</file>
            <encoder><pattern>%%level %%logger %%msg%%n</pattern></encoder>
          </appender>
          <logger name="dev.envsweep.statements" level="DEBUG"/>
          <root level="WARN"><appender-ref ref="file"/></root>
        </configuration>
        """.formatted(log));
    try (ServerProcess server = ServerProcess.serve(dir, "protobuf", "--config", dir.resolve("envsweep.yaml")
        .toString(), "--log-config", xml.toString()); Connection c = server.connect()) {
      expired(c, dir);
      Sql.rows(c, "SELECT 42 AS answer");
      Sql.rows(c, "INVALIDATE ENVIRONMENT live");
      long deadline = System.currentTimeMillis() + 10_000;
      while (!(Files.exists(log) && Files.readString(log).contains("INVALIDATE ENVIRONMENT live"))
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      String text = Files.readString(log);
      assertThat(text).contains("DEBUG dev.envsweep.statements SELECT 42 AS answer by 127.0.0.1:")
          .contains("INFO dev.envsweep.statements INVALIDATE ENVIRONMENT live by 127.0.0.1:");
      assertThat(server.stderr()).doesNotContain("INVALIDATE ENVIRONMENT live");
    }
  }

  @Test
  void aBadLogFormatIsRefusedBeforeAnythingStarts() throws Exception {
    config();
    ServerProcess.Result r = ServerProcess.run(dir, "serve", "--config", dir.resolve("envsweep.yaml").toString(),
        "--log-format", "xml");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("envsweep: --log-format must be text or json, got 'xml'");
    assertThat(dir.resolve("wh.duckdb")).doesNotExist();
  }

  private static Map<String, String> fields(JsonNode event) {
    Map<String, String> out = new HashMap<>();
    for (JsonNode pair : event.path("kvpList")) {
      pair.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  private static String awaitLine(ServerProcess server, String containing) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      for (String line : server.stderr().split("\n")) {
        if (line.contains(containing)) {
          return line;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no log line with '" + containing + "' in:\n" + server.stderr());
  }
}
