package dev.envsweep.server;

import static dev.envsweep.server.CliFixture.cli;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envsweep.server.CliFixture.Run;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Help on every command, the script runner, and the refusals that must come before any file is opened. */
class CliCommandsTest {
  @TempDir Path dir;

  @Test
  void everySubcommandTakesHelpAndHelpCommandPrintsIt() {
    CommandLine root = Main.commandLine();
    List<String> names = root.getSubcommands().keySet().stream().filter(n -> !n.equals("help")).toList();
    assertThat(names).contains("serve", "sql", "run", "invalidate", "cleanup", "explain", "restore", "set-ttl",
        "environments", "hash-password");
    for (String name : names) {
      for (String flag : List.of("--help", "-h")) {
        Run run = cli(name, flag);
        assertThat(run.code()).as(name + " " + flag + ": " + run.err()).isZero();
        assertThat(run.out()).as(name).startsWith("Usage: envsweep " + name);
      }
      Run help = cli("help", name);
      assertThat(help.code()).as("help " + name).isZero();
      assertThat(help.out()).startsWith("Usage: envsweep " + name);
    }
    assertThat(cli("explain", "cleanup", "--help").out()).startsWith("Usage: envsweep explain cleanup");
    assertThat(cli("help", "serve").out()).contains("--pg-port", "--demo");
  }

  @Test
  void aLineStartingWithASubcommandBuildsOnlyThatOneAndEverythingElseTheWholeTree() {
    assertThat(Main.commandLine("serve", "--demo").getSubcommands()).containsOnlyKeys("serve");
    assertThat(Main.commandLine("help", "serve").getSubcommands()).hasSize(11);
    assertThat(Main.commandLine("--help").getSubcommands()).hasSize(11);
    assertThat(Main.commandLine("servee").getSubcommands()).hasSize(11);
    Run unknown = cli("servee");
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).contains("Unmatched argument at index 0: 'servee'", "see 'envsweep --help'");
    assertThat(cli("--help").out()).contains("serve", "hash-password", "set-ttl");
  }

  @Test
  void aScriptStopsAtItsFirstErrorWithOneLineNamingTheLineAndSqlstate() throws Exception {
    String config = CliFixture.warehouse(dir, 3, false).toString();
    Path script = dir.resolve("script.sql");
    Files.writeString(script, """
        -- a comment; with a semicolon
        INVALIDATE ENVIRONMENT pr_000;
        SELECT name FROM sys.environments WHERE name = 'a;b' /* ; */;
        SELECT
          nme FROM sys.environments;
        INVALIDATE ENVIRONMENT pr_001;
        """);

    Run run = cli("run", "-f", script.toString(), "--config", config);
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err().lines().toList()).containsExactly("envsweep: script.sql: statement at line 4: From line 5, "
        + "column 3 to line 5, column 5: Column 'nme' not found in any table (system tables are sys.environments, "
        + "sys.cleanup_history, sys.orphans, sys.gateways, sys.procedures and sys.sessions; they cannot be joined "
        + "with warehouse tables) (SQLSTATE 42703)");
    assertThat(run.out()).contains("INVALIDATED").endsWith("run script.sql: 4 statements (2 ok, 1 failed, 1 not "
        + "run), 1 environment (0 cleaned, 0 failed, 0 skipped, 1 invalidated), 0 objects (0 dropped, 0 skipped, "
        + "0 failed), 1 row in " + run.out().replaceAll("(?s).* row in ([0-9.]+ s); exit 1\n$", "$1") + "; exit 1\n");
    assertThat(status(config, "pr_000")).isEqualTo("EXPIRED");
    assertThat(status(config, "pr_001")).isEqualTo("LIVE");

    Run all = cli("run", "-f", script.toString(), "--continue-on-error", "--quiet", "--config", config);
    assertThat(all.code()).isEqualTo(1);
    assertThat(all.out()).startsWith("run script.sql: 4 statements (3 ok, 1 failed, 0 not run)");
    assertThat(status(config, "pr_001")).isEqualTo("EXPIRED");

    Files.writeString(script, "SELECT count(*) AS n FROM sys.environments;\n");
    Run clean = cli("run", "-f", script.toString(), "--format", "json", "--config", config);
    assertThat(clean.code()).isZero();
    assertThat(clean.outLines().get(0)).isEqualTo("{\"n\":4}");
  }

  private static String status(String config, String name) {
    Run run = cli("environments", "--format", "csv", "--config", config);
    return run.outLines().stream().filter(l -> l.startsWith(name + ",")).findFirst().orElseThrow().split(",")[1];
  }

  @Test
  void usageErrorsAreExitOneAndOpenNothing() {
    Path embedded = Path.of("envsweep.duckdb").toAbsolutePath();
    boolean existed = Files.exists(embedded);
    Run bare = cli("invalidate");
    assertThat(bare.code()).isEqualTo(1);
    assertThat(bare.err()).isEqualTo("envsweep: give an environment name or --like pattern (one of them)\n"
        + "see 'envsweep invalidate --help'\n");
    assertThat(cli("set-ttl", "x").err()).startsWith("envsweep: give a TTL or --expires-at");
    assertThat(cli("serve", "--bogus").err()).startsWith("envsweep: Unknown option: '--bogus'");
    assertThat(Files.exists(embedded)).isEqualTo(existed);
  }

  @Test
  void aConfiguredDatabaseFileThatDoesNotExistIsRefusedAndNotCreated() throws Exception {
    Path typo = dir.resolve("wh_typo.duckdb");
    Path config = Files.writeString(dir.resolve("envsweep.yaml"), "gateways:\n  local:\n    url: jdbc:duckdb:"
        + typo + "\n");
    Run envs = cli("environments", "--config", config.toString());
    assertThat(envs.code()).isEqualTo(1);
    assertThat(envs.err()).isEqualTo("envsweep: " + config + ": the state store's database file " + typo
        + " does not exist (is the path right?); envsweep does not create it unless state_store.create is true\n");
    Run serve = cli("serve", "--config", config.toString(), "--port", "0");
    assertThat(serve.code()).isEqualTo(1);
    assertThat(serve.err()).contains(typo + " does not exist");
    assertThat(Files.exists(typo)).isFalse();
    assertThat(dir.toFile().list()).containsExactly("envsweep.yaml");
  }

  @Test
  void aWrappingDriversUrlIsNotTakenForAMissingFile() throws Exception {
    dev.envsweep.core.config.EnvsweepConfig cfg = new dev.envsweep.core.config.ConfigLoader().parse(
        "gateways:\n  local:\n    url: jdbc:wrapper:jdbc:duckdb:" + dir.resolve("x.duckdb") + "\n    dialect: duckdb\n",
        "test");
    DatabaseFiles.requireExisting(cfg);
    assertThat(DatabaseFiles.local(cfg)).isEmpty();
  }

  @Test
  void aBusyPortIsReportedByNumberBeforeTheStateStoreIsCreated() throws Exception {
    Path state = dir.resolve("new.duckdb");
    Path config = Files.writeString(dir.resolve("envsweep.yaml"), "state_store:\n  create: true\ngateways:\n"
        + "  local:\n    url: jdbc:duckdb:" + state + "\n");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Run serve = cli("serve", "--config", config.toString(), "--port", String.valueOf(taken.getLocalPort()));
      assertThat(serve.code()).isEqualTo(1);
      assertThat(serve.err()).isEqualTo("envsweep: cannot listen on 127.0.0.1: HTTP port " + taken.getLocalPort()
          + " is already in use (another envsweep serve?); stop that process or pick another with --port\n");
    }
    assertThat(Files.exists(state)).isFalse();
  }

  @Test
  void aSecondExclusiveClaimOnAServedFileNamesTheHolder() throws Exception {
    Path file = dir.resolve("envsweep-demo.duckdb");
    try (dev.envsweep.dialects.ServeMarker first = dev.envsweep.dialects.ServeMarker.claimExclusively(file)) {
      first.announce("http://127.0.0.1:9999");
      assertThat(dev.envsweep.dialects.ServeMarker.read(file)).get()
          .extracting(dev.envsweep.dialects.ServeMarker.Holder::url).isEqualTo("http://127.0.0.1:9999");
      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> dev.envsweep.dialects.ServeMarker.claimExclusively(file))
          .hasMessage("envsweep-demo.duckdb is being served by another envsweep process (PID "
              + ProcessHandle.current().pid() + ", http://127.0.0.1:9999); rebuilding it would pull the file from "
              + "under that server: stop it first, or run serve --demo in another directory");
    }
    assertThat(Files.exists(dev.envsweep.dialects.ServeMarker.markerOf(file))).isFalse();
  }

  @Test
  void aProtobufErrorFromAJsonServerIsExplained() {
    assertThat(Connections.mismatch(new RuntimeException(new com.google.protobuf.InvalidProtocolBufferException(
        "Protocol message tag had invalid wire type.")))).isEqualTo("json");
    assertThat(Connections.explain("jdbc:avatica:remote:url=http://h:1;serialization=protobuf", "json"))
        .contains("did not answer in protobuf", ";serialization=json");
  }
}
