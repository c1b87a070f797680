package dev.envsweep.server;

import static dev.envsweep.server.CliFixture.cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.envsweep.server.CliFixture.Run;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The statement commands' formats, summaries, progress and exit codes, on real cleanups of a DuckDB warehouse. */
class CliOutputTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aCleanupInEveryFormatEndsWithTheRightCountsAndExitCodeZero() throws Exception {
    String config = CliFixture.warehouse(dir, 5, true).toString();

    Run plan = cli("cleanup", "--dry-run", "--format", "csv", "--config", config);
    assertThat(plan.code()).as(plan.err()).isZero();
    List<String> csv = plan.out().lines().toList();
    assertThat(csv.get(0)).isEqualTo("environment,gateway,object_kind,object_name,sql,status,message,elapsed_ms");
    assertThat(csv).hasSize(11);
    assertThat(csv.subList(1, 11)).allMatch(l -> l.contains(",PLANNED,"));
    assertThat(plan.out()).contains("\r\n").contains("\"DROP SCHEMA IF EXISTS \"\"wh\"\".\"\"sales__pr_000\"\" CASCADE\"");
    // The summary goes to stderr, so stdout stays one CSV table.
    assertThat(plan.err()).startsWith("envsweep: cleanup: 5 environments (0 cleaned, 0 failed, 0 skipped, 5 planned), "
        + "5 objects (0 dropped, 0 skipped, 0 failed, 5 planned), 10 rows in ").endsWith("; exit 0\n");

    Run json = cli("cleanup", "--format", "json", "--config", config);
    assertThat(json.code()).as(json.err()).isZero();
    List<JsonNode> lines = new ArrayList<>();
    for (String l : json.outLines()) {
      lines.add(JSON.readTree(l));
    }
    assertThat(lines).hasSize(11);
    List<JsonNode> rows = lines.subList(0, 10);
    assertThat(rows).allMatch(r -> r.get("status").asText().equals(r.get("object_kind").asText().equals("SCHEMA")
        ? "DROPPED" : "DELETED"));
    assertThat(rows.get(0).get("elapsed_ms").isNumber()).isTrue();
    assertThat(rows.get(1).get("gateway").isNull()).isTrue();
    JsonNode summary = lines.get(10).get("summary");
    assertThat(summary.get("command").asText()).isEqualTo("cleanup");
    assertThat(summary.get("environments").toString())
        .isEqualTo("{\"total\":5,\"cleaned\":5,\"failed\":0,\"skipped\":0}");
    assertThat(summary.get("objects").toString()).isEqualTo("{\"total\":5,\"dropped\":5,\"skipped\":0,\"failed\":0}");
    assertThat(summary.get("orphans").asLong()).isZero();
    assertThat(summary.get("rows").asLong()).isEqualTo(10);
    assertThat(summary.get("elapsed_ms").asLong()).isPositive();
    assertThat(summary.get("exit_code").asInt()).isZero();

    Run table = cli("cleanup", "--config", config);
    assertThat(table.code()).isZero();
    List<String> out = table.outLines();
    assertThat(out.get(out.size() - 2)).isEqualTo("(0 rows)");
    assertThat(out.get(out.size() - 1)).matches("cleanup: 0 environments \\(0 cleaned, 0 failed, 0 skipped\\), "
        + "0 objects \\(0 dropped, 0 skipped, 0 failed\\), 0 orphans in sys.orphans, 0 rows in \\d+\\.\\d s; exit 0");

    Run envs = cli("environments", "--quiet", "--config", config);
    assertThat(envs.out()).matches("environments: 1 row in \\d+\\.\\d s; exit 0\n");
  }

  @Test
  void aRefusedDropIsExitOneWithoutWarnOnFailureAndTwoWithAnOrphanUnderIt() throws Exception {
    String config = CliFixture.warehouse(dir, 3, true).toString();
    CliFixture.foreignTable(dir, "pr_001");

    Run failed = cli("cleanup", "--config", config);
    assertThat(failed.code()).isEqualTo(1);
    assertThat(failed.err()).contains("(SQLSTATE 58000)").doesNotContain("\tat ");
    assertThat(failed.outLines().get(failed.outLines().size() - 1)).endsWith("; exit 1");

    Run warned = cli("cleanup", "--warn-on-failure", "--quiet", "--config", config);
    assertThat(warned.code()).as(warned.err()).isEqualTo(2);
    assertThat(warned.out()).matches("cleanup: 1 environment \\(1 cleaned, 0 failed, 0 skipped\\), 1 object "
        + "\\(0 dropped, 0 skipped, 1 failed\\), 1 orphan in sys.orphans, 2 rows in \\d+\\.\\d s; exit 2\n");
    Run json = cli("environments", "--format", "json", "--quiet", "--config", config);
    assertThat(JSON.readTree(json.out()).get("summary").get("rows").asInt()).isEqualTo(1);
  }

  @Test
  void whenStderrIsNotATerminalACleanupReportsProgressLinesWithTheExpiredTotal() throws Exception {
    Path a = java.nio.file.Files.createDirectory(dir.resolve("a"));
    Path b = java.nio.file.Files.createDirectory(dir.resolve("b"));
    Run quiet = cli("cleanup", "--quiet", "--progress-interval", "0.02", "--config",
        CliFixture.warehouse(a, 60, true).toString());
    assertThat(quiet.code()).isZero();
    assertThat(quiet.err()).doesNotContain("environments (");

    Run progress = cli("cleanup", "--progress-interval", "0.02", "--format", "json", "--config",
        CliFixture.warehouse(b, 60, true).toString());
    assertThat(progress.code()).as(progress.err()).isZero();
    // In-process the total is read from the state store before the cleanup starts: every line has it.
    List<String> lines = progress.err().lines().filter(l -> l.startsWith("envsweep: cleanup: ")).toList();
    assertThat(lines).isNotEmpty().allMatch(l -> l.matches("envsweep: cleanup: \\d+/60 environments \\(\\d+%\\), "
        + "\\d+\\.\\d/s.*"), "every line with the total of 60");
    assertThat(JSON.readTree(progress.outLines().get(progress.outLines().size() - 1)).get("summary")
        .get("environments").get("cleaned").asInt()).isEqualTo(60);
  }

  @Test
  void progressLinesShowTheTotalOnceItIsKnown() throws Exception {
    java.util.concurrent.atomic.AtomicLong total = new java.util.concurrent.atomic.AtomicLong(-1);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    java.io.PrintStream err = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
    OutputOptions options = new OutputOptions();
    options.progressIntervalSeconds = 0.02;
    try (Progress p = Progress.start("cleanup", total::get, options, err)) {
      p.environmentDone();
      Thread.sleep(350); // lines come at least 100 ms apart
      total.set(60);
      Thread.sleep(350);
    }
    String text = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(text).contains("envsweep: cleanup: 1 environments, ").contains("envsweep: cleanup: 1/60 environments (1%)");
  }

  @Test
  void theProgressLineSaysDoneTotalRateAndEta() {
    assertThat(Progress.line("cleanup", 120, 1000, java.time.Duration.ofSeconds(3)))
        .isEqualTo("envsweep: cleanup: 120/1000 environments (12%), 40.0/s, ETA 0:22, 3 s elapsed");
    assertThat(Progress.line("cleanup", 5, -1, java.time.Duration.ofSeconds(1)))
        .isEqualTo("envsweep: cleanup: 5 environments, 5.0/s, 1 s elapsed");
  }
}
