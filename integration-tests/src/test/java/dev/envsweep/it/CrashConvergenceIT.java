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
 * Crash convergence: a cleanup in its own JVM is killed with SIGKILL at a random moment, then cleanup runs again.
 * After the second run every expired environment is gone (state and objects), nothing else is, and nothing is
 * left behind unrecorded. The test command runs it a few times; {@code scripts/crash-convergence.sh 50} runs it
 * fifty times ({@code -Dcrash.runs}) and prints the counts.
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

      long delay = 800 + random.nextInt(5000);
      Process victim = new ProcessBuilder(ServerProcess.java(), "-jar", ServerProcess.JAR.toString(), "cleanup",
          "--config", config.toString()).directory(runDir.toFile()).redirectErrorStream(true)
          .redirectOutput(runDir.resolve("victim.log").toFile()).start();
      boolean finished = victim.waitFor(delay, TimeUnit.MILLISECONDS);
      if (!finished) {
        victim.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no rollback, no checkpoint
      }
      int remaining;
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db)) {
        remaining = Integer.parseInt(Sql.strings(c, "SELECT count(*) FROM sqlmesh._environments WHERE name LIKE 'e%'")
            .get(0));
      }
      boolean wasMidRun = !finished && remaining > 0 && remaining < EXPIRED;
      midRun += wasMidRun ? 1 : 0;
      kills.add(delay + "ms:" + (finished ? "finished" : remaining + " left"));

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
