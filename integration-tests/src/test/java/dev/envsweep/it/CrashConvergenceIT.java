package dev.envsweep.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash convergence: a cleanup in its own JVM is killed with SIGKILL inside its work, right after a random k-th
 * DROP has returned (the victim's {@link KillSwitchDriver} says when, so the kill lands inside the cleanup however
 * fast it is), then cleanup runs again. After the second run every expired environment is gone (state and
 * objects), nothing else is, and nothing is left behind unrecorded; and at least 80% of the kills must have
 * landed mid-cleanup (some objects dropped, some state left), or the harness tests nothing. The test command runs
 * it a few times; {@code scripts/crash-convergence.sh 50} runs it fifty times ({@code -Dcrash.runs}) and prints
 * the counts.
 */
class CrashConvergenceIT {
  static final int EXPIRED = 120;
  static final int LIVE = 5;

  @TempDir Path dir;

  @Test
  void killedCleanupsConvergeOnTheNextRun() throws Exception {
    int runs = Integer.getInteger("crash.runs", 3);
    long seed = Long.getLong("crash.seed", System.nanoTime());
    Random random = new Random(seed);
    int midRun = 0;
    int wronglyDropped = 0;
    int rowsLost = 0;
    List<String> kills = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      Path runDir = Files.createDirectories(dir.resolve("run" + run));
      Path db = runDir.resolve("wh.duckdb");
      fixture(runDir, db);
      Path config = ServerProcess.writeConfig(runDir, "gateways:\n  local:\n    url: jdbc:duckdb:" + db + "\n");
      // The victim reaches the same file through the kill switch, which speaks up after its k-th DROP.
      int k = 1 + random.nextInt(EXPIRED - 10);
      Path victimConfig = ServerProcess.writeConfig(Files.createDirectories(runDir.resolve("victim")), "gateways:\n  local:\n    url: "
          + KillSwitchDriver.url(k, "jdbc:duckdb:" + db) + "\n    dialect: duckdb\n");

      Process victim = new ProcessBuilder(ServerProcess.java(), "-cp", ServerProcess.JAR + java.io.File.pathSeparator
          + Path.of("target/test-classes").toAbsolutePath(), "dev.envsweep.server.Main", "cleanup", "--config",
          victimConfig.toString()).directory(runDir.toFile()).redirectErrorStream(true).start();
      boolean signalled = awaitMarker(victim);
      boolean finished = !victim.isAlive();
      if (!finished) {
        victim.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no rollback, no checkpoint
      }
      int remaining;
      int schemasLeft;
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db)) {
        remaining = Integer.parseInt(Sql.strings(c, "SELECT count(*) FROM sqlmesh._environments WHERE name LIKE 'e%'")
            .get(0));
        schemasLeft = Integer.parseInt(Sql.strings(c, "SELECT count(DISTINCT schema_name) FROM duckdb_schemas() "
            + "WHERE schema_name LIKE 'sales\\_\\_e%' ESCAPE '\\'").get(0));
      }
      // Inside the cleanup: some of its drops done and some of its state still there.
      boolean wasMidRun = signalled && !finished && remaining > 0 && schemasLeft < EXPIRED;
      midRun += wasMidRun ? 1 : 0;
      kills.add("k=" + k + ":" + (finished ? "finished" : remaining + " rows/" + schemasLeft + " schemas left"));

      ServerProcess.Result second = ServerProcess.run(runDir, "cleanup", "--config", config.toString());
      assertThat(second.exitCode()).as("second run of %d: %s", run, second.err()).isZero();

      try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db)) {
        List<String> envs = Sql.strings(c, "SELECT name FROM sqlmesh._environments ORDER BY name");
        List<String> schemas = Sql.strings(c, "SELECT schema_name FROM duckdb_schemas() WHERE schema_name LIKE "
            + "'sales__%' ORDER BY 1");
        List<String> expectedEnvs = new ArrayList<>(List.of("prod"));
        List<String> expectedSchemas = new ArrayList<>();
        for (int i = 0; i < LIVE; i++) {
          expectedEnvs.add("live" + i);
          expectedSchemas.add("sales__live" + i);
        }
        expectedEnvs.sort(null);
        assertThat(envs).as("state after run %d", run).isEqualTo(expectedEnvs);
        assertThat(schemas).as("schemas after run %d", run).isEqualTo(expectedSchemas);
        List<String> kept = Sql.strings(c, "SELECT count(*) FROM sales.orders UNION ALL SELECT count(*) FROM "
            + "sales__live0.orders UNION ALL SELECT count(*) FROM sqlmesh__sales." + Project.MODELS[0][0] + "__"
            + Project.MODELS[0][1] + "__" + Project.MODELS[0][3]);
        wronglyDropped += kept.equals(List.of("3", "3", "3")) ? 0 : 1;
        assertThat(kept).containsExactly("3", "3", "3");
        assertThat(Sql.strings(c, "SELECT count(*) FROM envsweep.orphans")).containsExactly("0");
        // Every expired environment's deletion is recorded once, by one run or the other.
        List<String> deletions = Sql.strings(c, "SELECT count(DISTINCT environment) FROM envsweep.cleanup_history "
            + "WHERE object_kind = 'ENVIRONMENT' AND status = 'DELETED'");
        rowsLost += deletions.equals(List.of(String.valueOf(EXPIRED))) ? 0 : 1;
        assertThat(deletions).containsExactly(String.valueOf(EXPIRED));
      }
    }
    System.out.printf("crash convergence: %d runs (seed %d), %d killed mid-cleanup, 0 failures of the second run, "
        + "%d objects wrongly dropped, %d deletions unrecorded; kills: %s%n", runs, seed, midRun, wronglyDropped,
        rowsLost, kills);
    assertThat(midRun * 5).as("kills that landed mid-cleanup, of %d: %s", runs, kills).isGreaterThanOrEqualTo(
        runs * 4);
  }

  /** Reads the victim's output until the kill switch's marker (true) or its end (false), 60 s at most. */
  private static boolean awaitMarker(Process victim) throws Exception {
    java.util.concurrent.CompletableFuture<Boolean> seen = new java.util.concurrent.CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(
          victim.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.startsWith(KillSwitchDriver.MARKER)) {
            seen.complete(true);
          }
        }
      } catch (java.io.IOException killed) {
        // the victim is gone
      }
      seen.complete(false);
    });
    reader.setDaemon(true);
    reader.start();
    return seen.get(60, TimeUnit.SECONDS);
  }

  /** prod, LIVE live environments and EXPIRED expired ones, all schema-suffix, in a fresh DuckDB file. */
  private static void fixture(Path dir, Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db)) {
      Sql.exec(c, "CREATE SCHEMA sqlmesh", Sql.ENVIRONMENTS_DDL, Sql.ENVIRONMENT_STATEMENTS_DDL);
      Project project = new Project(c, "wh", dir);
      project.physicalTables();
      project.environment("prod", "schema", null);
      for (int i = 0; i < LIVE; i++) {
        project.environment("live" + i, "schema", 4_000_000_000_000L);
      }
      for (int i = 0; i < EXPIRED; i++) {
        project.environment(String.format("e%03d", i), "schema", 1_000L);
      }
    }
  }
}
