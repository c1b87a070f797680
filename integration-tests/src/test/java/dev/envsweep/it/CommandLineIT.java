package dev.envsweep.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user does at a shell: the demo, real sqlline, the CLI commands, files, addresses. */
class CommandLineIT {
  @TempDir Path dir;

  private static final String CONFIG = """
      state_store:
        create: true
      gateways:
        local:
          url: jdbc:duckdb:%s
      """;

  @Test
  void theDemoWithRealSqllineShowsEnvironmentsAndCleansUpWhileTheViewsReallyDisappear() throws Exception {
    Path script = dir.resolve("demo.sql");
    Files.writeString(script, """
        !set maxWidth 300
        !set incremental false
        SELECT name, status, suffix_target FROM sys.environments ORDER BY name;
        INVALIDATE ENVIRONMENT feature_b;
        CLEANUP EXPIRED ENVIRONMENTS;
        SELECT table_schema || '.' || table_name AS v FROM information_schema.tables WHERE table_type = 'VIEW' ORDER BY 1;
        """);
    try (ServerProcess server = ServerProcess.serve(dir, "protobuf", "--demo")) {
      String printed = sqlline(server, script);

      assertThat(printed).containsPattern("\\| feature_a\\s+\\| EXPIRED\\s+\\| schema\\s+\\|");
      assertThat(printed).containsPattern("\\| feature_b\\s+\\| LIVE\\s+\\| table\\s+\\|");
      assertThat(printed).containsPattern("\\| feature_c\\s+\\| LIVE\\s+\\| catalog\\s+\\|");
      assertThat(printed).containsPattern("\\| prod\\s+\\| PROD\\s+\\| schema\\s+\\|");
      assertThat(printed).containsPattern("\\| feature_b\\s+\\|\\s+\\| ENVIRONMENT \\| feature_b\\s+\\| UPDATE");
      assertThat(printed).containsPattern("DROP SCHEMA IF EXISTS \"envsweep-demo\".\"sqlmesh_example__feature_a\" "
          + "CASCADE\\s+\\| DROPPED");
      assertThat(printed).containsPattern("DROP VIEW IF EXISTS \"envsweep-demo\".\"sqlmesh_example\"."
          + "\"full_model__feature_b\"\\s+\\| DROPPED");
      assertThat(printed).contains("6 rows selected");
      assertThat(printed).doesNotContain("sqlmesh_example__feature_a.full_model", "full_model__feature_b |");
      assertThat(printed).contains("| sqlmesh_example.full_model");
    }
    // Ground truth, with the server gone: open the DuckDB file itself.
    try (Connection direct = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("envsweep-demo.duckdb"));
        Statement s = direct.createStatement();
        ResultSet rs = s.executeQuery("SELECT schema_name || '.' || view_name FROM duckdb_views() "
            + "WHERE NOT internal ORDER BY 1")) {
      List<String> views = new ArrayList<>();
      while (rs.next()) {
        views.add(rs.getString(1));
      }
      assertThat(views).containsExactly("sqlmesh_example.full_model", "sqlmesh_example.incremental_model",
          "sqlmesh_example.seed_model");
    }
    assertThat(Files.exists(dir.resolve("envsweep-demo__feature_c.db"))).isTrue();
  }

  @Test
  void sqllineDescribesTablesAndTypesThroughTheServer() throws Exception {
    Path script = dir.resolve("describe.sql");
    Files.writeString(script, """
        !set maxWidth 400
        !set incremental false
        !tables
        !columns environments
        !describe gateways
        !typeinfo
        """);
    try (ServerProcess server = ServerProcess.serve(dir, "protobuf", "--demo")) {
      String printed = sqlline(server, script);

      assertThat(printed).doesNotContain("Error").doesNotContain("Exception");
      assertThat(printed).containsPattern("\\| sys\\s+\\| environments\\s+\\| SYSTEM TABLE");
      assertThat(printed).containsPattern("\\| sqlmesh__sqlmesh_example\\s+\\| \\S+\\s+\\| TABLE\\s+\\|");
      // !columns and !describe: each column with its type and size, none typed "... NOT NULL".
      assertThat(printed).containsPattern("\\| environments\\s+\\| expiration_ts\\s+\\| -5\\s+\\| BIGINT");
      assertThat(printed).containsPattern("\\| gateways\\s+\\| is_default\\s+\\| 16\\s+\\| BOOLEAN");
      assertThat(printed).doesNotContain("NOT NULL");
      // !typeinfo: the types a client can use.
      assertThat(printed).containsPattern("\\| INTEGER\\s+\\| 4\\s+\\|").containsPattern("\\| VARCHAR\\s+\\| 12\\s+\\|");
    }
  }

  @Test
  void sqllineRunsEveryNewStatementAndListsTheSystemTables() throws Exception {
    Path script = dir.resolve("expiry.sql");
    Files.writeString(script, """
        !set maxWidth 400
        !set incremental false
        EXPLAIN INVALIDATE ENVIRONMENT feature_b SYNC;
        INVALIDATE ENVIRONMENT feature_b;
        RESTORE ENVIRONMENT feature_b;
        ALTER ENVIRONMENT feature_b SET TTL 'in 2 weeks';
        ALTER ENVIRONMENT feature_c SET EXPIRES AT TIMESTAMP '2099-01-01 00:00:00';
        EXPLAIN INVALIDATE ENVIRONMENTS LIKE '%';
        CALL sys.invalidate_environments('feature\\_c');
        SELECT name, status FROM sys.environments ORDER BY name;
        SELECT name, dialect, reachable FROM sys.gateways;
        SELECT name FROM sys.procedures ORDER BY name;
        !tables
        """);
    try (ServerProcess server = ServerProcess.serve(dir, "protobuf", "--demo")) {
      String printed = sqlline(server, script);

      assertThat(printed).doesNotContain("Error:");
      assertThat(printed).containsPattern("DROP VIEW IF EXISTS \"envsweep-demo\".\"sqlmesh_example\"."
          + "\"full_model__feature_b\"\\s+\\| PLANNED");
      assertThat(printed).containsPattern("\\| feature_b\\s+\\|.*\\| INVALIDATED\\s+\\|");
      assertThat(printed).containsPattern("\\| feature_b\\s+\\|.*\\| RESTORED\\s+\\|");
      assertThat(printed).containsPattern("\\| feature_b\\s+\\|.*\\| UPDATED\\s+\\|");
      assertThat(printed).contains("-> 2099-01-01T00:00:00Z");
      assertThat(printed).containsPattern("\\| prod\\s+\\|.*\\| WARNING\\s+\\|");
      assertThat(printed).containsPattern("\\| feature_c\\s+\\|.*\\| INVALIDATED\\s+\\|");
      assertThat(printed).containsPattern("\\| feature_b\\s+\\| LIVE\\s+\\|")
          .containsPattern("\\| feature_c\\s+\\| EXPIRED\\s+\\|");
      assertThat(printed).containsPattern("\\| local\\s+\\| duckdb\\s+\\| true\\s+\\|");
      assertThat(printed).contains("sys.restore_environment", "sys.set_environment_ttl");
      assertThat(printed).containsPattern("\\| sys\\s+\\| gateways\\s+\\| SYSTEM TABLE");
    }
  }

  @Test
  void cliCommandsPrintTablesAndExitWithTheDocumentedCodes() throws Exception {
    makeWarehouse();
    Path config = ServerProcess.writeConfig(dir, CONFIG.formatted(dir.resolve("wh.duckdb")));

    ServerProcess.Result envs = ServerProcess.run(dir, "environments", "--config", config.toString());
    assertThat(envs.exitCode()).as(envs.err()).isZero();
    assertThat(envs.out()).containsPattern("dev\\s+\\| EXPIRED").containsPattern("prod\\s+\\| PROD");

    ServerProcess.Result dry = ServerProcess.run(dir, "cleanup", "--dry-run", "--config", config.toString());
    assertThat(dry.exitCode()).isZero();
    assertThat(dry.out()).contains("DROP SCHEMA IF EXISTS \"wh\".\"sales__dev\" CASCADE").contains("PLANNED");

    ServerProcess.Result nope = ServerProcess.run(dir, "invalidate", "nope", "--config", config.toString());
    assertThat(nope.exitCode()).isEqualTo(1);
    assertThat(nope.err()).contains("environment 'nope' does not exist (SQLSTATE 42704)");

    ServerProcess.Result cleanup = ServerProcess.run(dir, "cleanup", "--config", config.toString());
    assertThat(cleanup.exitCode()).as(cleanup.err()).isZero();
    assertThat(cleanup.out()).containsPattern("dev\\s+\\| local\\s+\\| SCHEMA").contains("DELETED");
    assertThat(cleanup.out()).contains("(2 rows)");

    ServerProcess.Result again = ServerProcess.run(dir, "cleanup", "--config", config.toString());
    assertThat(again.out()).contains("(0 rows)");
  }

  @Test
  void explainRestoreSetTtlAndBulkInvalidateFromTheShell() throws Exception {
    makeWarehouse();
    try (Connection direct = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("wh.duckdb"))) {
      new Project(direct, "wh", dir).environment("live", "schema", EndToEndTests.FUTURE);
    }
    String config = ServerProcess.writeConfig(dir, CONFIG.formatted(dir.resolve("wh.duckdb"))).toString();

    ServerProcess.Result plan = ServerProcess.run(dir, "explain", "invalidate", "live", "--sync", "--config", config);
    assertThat(plan.exitCode()).as(plan.err()).isZero();
    assertThat(plan.out()).containsPattern("DROP SCHEMA IF EXISTS \"wh\".\"sales__live\" CASCADE\\s+\\| PLANNED");
    ServerProcess.Result planCleanup = ServerProcess.run(dir, "explain", "cleanup", "--config", config);
    assertThat(planCleanup.out()).contains("sales__dev").doesNotContain("sales__live");

    ServerProcess.Result invalidate = ServerProcess.run(dir, "invalidate", "live", "--config", config);
    assertThat(invalidate.out()).contains("INVALIDATED");
    ServerProcess.Result restore = ServerProcess.run(dir, "restore", "live", "--config", config);
    assertThat(restore.exitCode()).as(restore.err()).isZero();
    assertThat(restore.out()).contains("RESTORED");
    ServerProcess.Result again = ServerProcess.run(dir, "restore", "live", "--config", config);
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("nothing to restore (SQLSTATE 55000)");

    ServerProcess.Result ttl = ServerProcess.run(dir, "set-ttl", "live", "in 2 weeks", "--config", config);
    assertThat(ttl.exitCode()).as(ttl.err()).isZero();
    assertThat(ttl.out()).contains("UPDATED");
    ServerProcess.Result at = ServerProcess.run(dir, "set-ttl", "live", "--expires-at", "2099-01-01", "--config",
        config);
    assertThat(at.out()).contains("-> 2099-01-01T00:00:00Z");
    ServerProcess.Result none = ServerProcess.run(dir, "set-ttl", "live", "none", "--config", config);
    assertThat(none.out()).contains("-> none");
    ServerProcess.Result prod = ServerProcess.run(dir, "set-ttl", "prod", "in 1 week", "--config", config);
    assertThat(prod.exitCode()).isEqualTo(1);
    assertThat(prod.err()).contains("Cannot change the expiry of the production environment. (SQLSTATE 55000)");
    ServerProcess.Result neither = ServerProcess.run(dir, "set-ttl", "live", "--config", config);
    assertThat(neither.exitCode()).isEqualTo(1);
    assertThat(neither.err()).contains("give a TTL or --expires-at");

    // Bulk: prod matches the pattern and is reported, not touched; a WARNING row makes the exit code 2.
    ServerProcess.Result bulkPlan = ServerProcess.run(dir, "explain", "invalidate", "--like", "%", "--config",
        config);
    assertThat(bulkPlan.exitCode()).isEqualTo(2);
    assertThat(bulkPlan.out()).containsPattern("live\\s+\\|.*PLANNED").containsPattern("prod\\s+\\|.*WARNING");
    ServerProcess.Result bulk = ServerProcess.run(dir, "invalidate", "--like", "l%", "--config", config);
    assertThat(bulk.exitCode()).as(bulk.err()).isZero();
    assertThat(bulk.out()).containsPattern("live\\s+\\|.*INVALIDATED").contains("(1 row)");
    ServerProcess.Result envs = ServerProcess.run(dir, "environments", "--config", config);
    assertThat(envs.out()).containsPattern("live\\s+\\| EXPIRED").containsPattern("prod\\s+\\| PROD");
  }

  @Test
  void withNoConfigurationAtAllTheEmbeddedDefaultIsCreatedInTheWorkingDirectory() throws Exception {
    ServerProcess.Result envs = ServerProcess.run(dir, "environments");
    assertThat(envs.exitCode()).as(envs.err()).isZero();
    assertThat(envs.out()).startsWith("name ").contains("(0 rows)");
    assertThat(Files.exists(dir.resolve("envsweep.duckdb"))).isTrue();

    ServerProcess.Result cleanup = ServerProcess.run(dir, "cleanup");
    assertThat(cleanup.exitCode()).isZero();
    assertThat(cleanup.out()).contains("(0 rows)");
  }

  @Test
  void aSecondProcessOnADuckDbFileInUseIsToldWhyAndWhatToDo() throws Exception {
    makeWarehouse();
    Path config = ServerProcess.writeConfig(dir, CONFIG.formatted(dir.resolve("wh.duckdb")));
    try (ServerProcess server = ServerProcess.serve(dir, "protobuf", "--config", config.toString());
        Connection client = server.connect()) {
      // A connected client keeps the server's hold on the file.
      ServerProcess.Result blocked = ServerProcess.run(dir, "cleanup", "--config", config.toString());
      assertThat(blocked.exitCode()).isEqualTo(1);
      // The hint names the holder's own address (its marker beside the file), not the default port.
      assertThat(blocked.err()).contains(dir.resolve("wh.duckdb") + " is in use by the envsweep server at "
          + "http://127.0.0.1:" + server.port + " (PID ").contains("--url http://127.0.0.1:" + server.port)
          .doesNotContain("\tat ");

      ServerProcess.Result through = ServerProcess.run(dir, "cleanup", "--url", "http://127.0.0.1:" + server.port);
      assertThat(through.exitCode()).as(through.err()).isZero();
      assertThat(through.out()).contains("DELETED");
    }
  }

  @Test
  void aPublicAddressWithoutAuthenticationNeedsInsecure() throws Exception {
    makeWarehouse();
    Path config = ServerProcess.writeConfig(dir, CONFIG.formatted(dir.resolve("wh.duckdb"))
        + "server:\n  host: 0.0.0.0\n");
    ServerProcess.Result refused = ServerProcess.run(dir, "serve", "--config", config.toString(), "--port",
        String.valueOf(ServerProcess.freePort()));
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("refusing to listen on 0.0.0.0 without authentication");

    try (ServerProcess server = ServerProcess.serve(dir, "protobuf", "--config", config.toString(), "--insecure");
        Connection client = server.connect();
        Statement s = client.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM sys.environments")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(2);
    }
  }

  @Test
  void aSecondDemoInTheSameDirectoryIsRefusedAndTheFirstKeepsServingItsData() throws Exception {
    try (ServerProcess first = ServerProcess.serve(dir, "protobuf", "--demo")) {
      // The banner names the jar this was launched from (absolute here: it is not under the working directory);
      // its last line follows the "listening on" line the fixture waits for.
      for (int i = 0; i < 50 && !first.stdout().contains("connect with:"); i++) {
        Thread.sleep(100);
      }
      assertThat(first.stdout()).contains("connect with: java -jar " + ServerProcess.JAR + " sql --url "
          + "'jdbc:avatica:remote:url=http://127.0.0.1:" + first.port + ";serialization=protobuf'");
      long before = Files.getLastModifiedTime(dir.resolve("envsweep-demo.duckdb")).toMillis();
      ServerProcess.Result second = ServerProcess.run(dir, "serve", "--demo", "--port",
          String.valueOf(ServerProcess.freePort()));
      assertThat(second.exitCode()).isEqualTo(1);
      assertThat(second.err()).contains("envsweep-demo.duckdb is being served by another envsweep process (PID ")
          .contains("http://127.0.0.1:" + first.port);
      assertThat(Files.getLastModifiedTime(dir.resolve("envsweep-demo.duckdb")).toMillis()).isEqualTo(before);
      try (Connection c = first.connect(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM sys.environments")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(4);
      }
      ServerProcess.Result samePort = ServerProcess.run(dir, "serve", "--port", String.valueOf(first.port));
      assertThat(samePort.exitCode()).isEqualTo(1);
      assertThat(samePort.err()).contains("HTTP port " + first.port + " is already in use");
      assertThat(Files.exists(dir.resolve("envsweep.duckdb"))).isFalse();
    }
  }

  @Test
  void aJsonServerIsDetectedFromItsAddressAndExplainedForAProtobufUrl() throws Exception {
    try (ServerProcess server = ServerProcess.serve(dir, "json", "--demo")) {
      ServerProcess.Result detected = ServerProcess.run(dir, "environments", "--url",
          "http://127.0.0.1:" + server.port);
      assertThat(detected.exitCode()).as(detected.err()).isZero();
      assertThat(detected.out()).contains("feature_a").contains("environments: 4 rows in ");
      assertThat(detected.err()).isEmpty();

      ServerProcess.Result wrong = ServerProcess.run(dir, "environments", "--url",
          "jdbc:avatica:remote:url=http://127.0.0.1:" + server.port + ";serialization=protobuf");
      assertThat(wrong.exitCode()).isEqualTo(1);
      assertThat(wrong.err()).contains("did not answer in protobuf", "put ;serialization=json in the JDBC URL")
          .doesNotContain("InvalidWireTypeException", "\tat ");
    }
  }

  @Test
  void sqlStartsWithoutTheIsolationWarningAndItsScriptRunnerStopsAtTheFirstError() throws Exception {
    Path ok = dir.resolve("ok.sql");
    Files.writeString(ok, "SELECT name FROM sys.environments ORDER BY name;\n");
    Path bad = dir.resolve("bad.sql");
    Files.writeString(bad, "INVALIDATE ENVIRONMENT feature_b;\nSELEC bad;\nINVALIDATE ENVIRONMENT feature_c;\n");
    try (ServerProcess server = ServerProcess.serve(dir, "protobuf", "--demo")) {
      String url = "http://127.0.0.1:" + server.port;
      ServerProcess.Result sqlline = ServerProcess.run(dir, "sql", "--url", url, "--", "-f", ok.toString());
      assertThat(sqlline.exitCode()).as(sqlline.err()).isZero();
      assertThat(sqlline.out() + sqlline.err()).contains("feature_a").doesNotContain("isolation");

      ServerProcess.Result script = ServerProcess.run(dir, "sql", "--url", url, "-f", bad.toString());
      assertThat(script.exitCode()).isEqualTo(1);
      assertThat(script.err().lines().toList()).hasSize(1);
      assertThat(script.err()).startsWith("envsweep: bad.sql: statement at line 2: ").contains("SQLSTATE 42601")
          .doesNotContain("\tat ");
      assertThat(script.out()).contains("INVALIDATED").contains("3 statements (1 ok, 1 failed, 1 not run)");
      ServerProcess.Result envs = ServerProcess.run(dir, "environments", "--url", url, "--format", "csv");
      assertThat(envs.out()).contains("feature_b,EXPIRED").contains("feature_c,LIVE");

      ServerProcess.Result help = ServerProcess.run(dir, "help", "serve");
      assertThat(help.exitCode()).isZero();
      assertThat(help.out()).startsWith("Usage: envsweep serve");
      assertThat(ServerProcess.run(dir, "serve", "--help").exitCode()).isZero();
      assertThat(ServerProcess.run(dir, "cleanup", "-h").out()).contains("--format");
    }
  }

  /** prod and an expired schema-suffix dev, written straight into a DuckDB file as SQLMesh would. */
  private void makeWarehouse() throws Exception {
    try (Connection direct = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("wh.duckdb"))) {
      try (Statement s = direct.createStatement()) {
        s.execute("CREATE SCHEMA sqlmesh");
        s.execute(Sql.ENVIRONMENTS_DDL);
        s.execute(Sql.ENVIRONMENT_STATEMENTS_DDL);
      }
      Project project = new Project(direct, "wh", dir);
      project.physicalTables();
      project.environment("prod", "schema", null);
      project.environment("dev", "schema", EndToEndTests.PAST);
    }
  }

  /** Real sqlline, as its own process, running a script against the server through the stock driver. */
  private String sqlline(ServerProcess server, Path script) throws Exception {
    Process sqlline = new ProcessBuilder(ServerProcess.java(), "-cp", System.getProperty("java.class.path"),
        "sqlline.SqlLine", "-u", server.url(), "-n", "", "-p", "", "-f", script.toString())
        .directory(dir.toFile()).redirectErrorStream(true).start();
    String printed = new String(sqlline.getInputStream().readAllBytes());
    assertThat(sqlline.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return printed;
  }
}
