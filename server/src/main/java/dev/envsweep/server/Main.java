package dev.envsweep.server;

import dev.envsweep.core.Envsweep;
import dev.envsweep.core.config.ConfigException;
import dev.envsweep.core.config.ConfigLoader;
import dev.envsweep.core.config.EnvsweepConfig;
import dev.envsweep.core.config.ServerConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code envsweep} command line (DESIGN section 7). Exit codes: 0 every row fine, 2 FAILED or WARNING
 * rows (possible only under WARN ON FAILURE, or for protected environments), 1 an error.
 */
@Command(name = "envsweep", mixinStandardHelpOptions = true, version = "envsweep 0.1.0",
    description = "Ends the life of SQLMesh virtual data environments from plain SQL.",
    subcommands = {Main.Serve.class, Main.Sql.class, Main.Invalidate.class, Main.Cleanup.class,
        Main.Environments.class, Main.HashPassword.class})
public final class Main implements Runnable {
  static final int OK = 0;
  static final int ERROR = 1;
  static final int ROWS_WITH_PROBLEMS = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code (tests call this). */
  public static int run(String... args) {
    return new CommandLine(new Main()).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static int fail(String message) {
    System.err.println("envsweep: " + message);
    return ERROR;
  }

  static int fail(SQLException e) {
    return fail(e.getMessage() + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")"));
  }

  static EnvsweepConfig loadConfig(Path config) throws ConfigException {
    return new ConfigLoader().load(config);
  }

  @Command(name = "serve", description = "Serve envsweep over HTTP to any Avatica JDBC client.")
  static final class Serve implements Callable<Integer> {
    @Option(names = "--config", description = "YAML configuration (default: ./envsweep.yaml, else embedded)")
    Path config;

    @Option(names = "--port", description = "TCP port (default: server.port, 8765)")
    Integer port;

    @Option(names = "--serialization", description = "protobuf (default) or json")
    String serialization;

    @Option(names = "--demo", description = "Rebuild envsweep-demo.duckdb with a small SQLMesh project and serve it")
    boolean demo;

    @Option(names = "--insecure", description = "Allow a non-loopback server.host without authentication")
    boolean insecure;

    @Override
    public Integer call() {
      try {
        if (demo && config != null) {
          return fail("--demo serves its own embedded database; drop --config or --demo");
        }
        EnvsweepConfig cfg = demo ? Demo.create(Path.of("").toAbsolutePath()) : loadConfig(config);
        ServerConfig server = cfg.server();
        if (port != null) {
          server = server.withPort(port);
        }
        if (serialization != null) {
          server = server.withSerialization(serialization);
        }
        Envsweep envsweep = Envsweep.open(cfg);
        EnvsweepServer http;
        try {
          http = EnvsweepServer.builder(envsweep).server(server).insecure(insecure).start();
        } catch (RuntimeException e) {
          envsweep.close();
          return fail(e.getMessage());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          http.close();
          envsweep.close();
        }, "envsweep-shutdown"));
        System.out.println("envsweep serving " + cfg.source() + " (state: " + describeState(cfg) + ")");
        System.out.println("listening on " + http.clientUrl());
        System.out.println("connect with: java -jar envsweep.jar sql --url '" + http.clientUrl() + "'");
        System.out.flush();
        http.join();
        return OK;
      } catch (ConfigException e) {
        return fail(e.getMessage());
      } catch (SQLException e) {
        return fail(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return OK;
      } catch (Exception e) {
        return fail(e.getMessage());
      }
    }

    private static String describeState(EnvsweepConfig cfg) {
      return cfg.stateStore().url() == null ? "default gateway '" + cfg.defaultGateway() + "', "
          + cfg.defaultGatewayConfig().safeUrl() : dev.envsweep.core.config.Urls.withoutSecrets(
              cfg.stateStore().url());
    }
  }

  @Command(name = "sql", description = "sqlline, connected to a running envsweep server (or any JDBC URL).")
  static final class Sql implements Callable<Integer> {
    @Option(names = "--url", description = "Server URL: http://host:port or a full JDBC URL "
        + "(default: jdbc:avatica:remote:url=http://127.0.0.1:8765;serialization=protobuf)")
    String url;

    @Parameters(description = "Further sqlline arguments, after --, e.g. -- -f script.sql")
    List<String> sqllineArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      List<String> args = new ArrayList<>(List.of("-u", jdbcUrl(url), "-n", "", "-p", "", "--maxWidth=250",
          "--incremental=false", "--verbose=false"));
      args.addAll(sqllineArgs);
      sqlline.SqlLine.Status status = sqlline.SqlLine.start(args.toArray(String[]::new), null, true);
      return status == sqlline.SqlLine.Status.OK ? OK : ERROR;
    }
  }

  @Command(name = "hash-password", description = "Read a password from standard input (or the console) and print "
      + "its hash for server.users_file.")
  static final class HashPassword implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      char[] password;
      java.io.Console console = System.console();
      if (console != null) {
        password = console.readPassword("password: ");
      } else {
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
            java.nio.charset.StandardCharsets.UTF_8)).readLine();
        password = line == null ? new char[0] : line.toCharArray();
      }
      if (password == null || password.length == 0) {
        return fail("no password given");
      }
      System.out.println(dev.envsweep.server.auth.PasswordHash.hash(password));
      java.util.Arrays.fill(password, ' ');
      return OK;
    }
  }

  /** A server address or JDBC URL as the JDBC URL to open; none means the local default server. */
  static String jdbcUrl(String url) {
    if (url == null) {
      return "jdbc:avatica:remote:url=http://127.0.0.1:8765;serialization=protobuf";
    }
    if (url.startsWith("http://") || url.startsWith("https://")) {
      return "jdbc:avatica:remote:url=" + url + ";serialization=protobuf";
    }
    return url;
  }

  /** Options of the commands that run one statement, in-process or through a server. */
  abstract static class OneStatement implements Callable<Integer> {
    @Option(names = "--config", description = "YAML configuration, when running in-process")
    Path config;

    @Option(names = "--url", description = "Run through a server instead (http://host:port or a JDBC URL); "
        + "needed while a server holds a DuckDB file")
    String url;

    @Option(names = "--user", description = "With --url: the user, for a server with basic authentication (the "
        + "password is read from ENVSWEEP_PASSWORD)")
    String user;

    abstract String sql();

    abstract List<Object> parameters();

    @Override
    public Integer call() {
      PrintStream out = System.out;
      String jdbc = url != null ? jdbcUrl(url)
          : "jdbc:envsweep:" + (config == null ? "" : config.toAbsolutePath().toString());
      java.util.Properties info = new java.util.Properties();
      if (url != null && user != null) {
        info.setProperty("authentication", "BASIC");
        info.setProperty("avatica_user", user);
        info.setProperty("avatica_password", String.valueOf(System.getenv("ENVSWEEP_PASSWORD")));
      }
      try (Connection c = DriverManager.getConnection(jdbc, info);
          PreparedStatement ps = c.prepareStatement(sql())) {
        List<Object> params = parameters();
        for (int i = 0; i < params.size(); i++) {
          ps.setObject(i + 1, params.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          return ResultPrinter.print(rs, out) ? ROWS_WITH_PROBLEMS : OK;
        }
      } catch (SQLException e) {
        return fail(e);
      } catch (RuntimeException e) {
        // Avatica's client reports HTTP 401/403 and unreachable servers this way, not as SQLExceptions.
        return fail(e.getMessage());
      }
    }
  }

  @Command(name = "invalidate", description = "INVALIDATE ENVIRONMENT name [SYNC [WARN ON FAILURE]]")
  static final class Invalidate extends OneStatement {
    @Parameters(index = "0", description = "Environment name (sanitised as SQLMesh does)")
    String name;

    @Option(names = "--sync", description = "Clean the environment up now")
    boolean sync;

    @Option(names = "--warn-on-failure", description = "With --sync: delete its state even if a drop fails")
    boolean warnOnFailure;

    @Override
    String sql() {
      return "INVALIDATE ENVIRONMENT ?" + (sync ? " SYNC" : "") + (sync && warnOnFailure ? " WARN ON FAILURE" : "");
    }

    @Override
    List<Object> parameters() {
      return List.of(name);
    }
  }

  @Command(name = "cleanup", description = "CLEANUP EXPIRED ENVIRONMENTS [WARN ON FAILURE]")
  static final class Cleanup extends OneStatement {
    @Option(names = "--warn-on-failure", description = "Delete state even when a drop fails")
    boolean warnOnFailure;

    @Option(names = "--dry-run", description = "Show the statements (EXPLAIN); run nothing")
    boolean dryRun;

    @Override
    String sql() {
      return (dryRun ? "EXPLAIN " : "") + "CLEANUP EXPIRED ENVIRONMENTS" + (warnOnFailure ? " WARN ON FAILURE" : "");
    }

    @Override
    List<Object> parameters() {
      return List.of();
    }
  }

  @Command(name = "environments", description = "SELECT * FROM sys.environments ORDER BY name")
  static final class Environments extends OneStatement {
    @Override
    String sql() {
      return "SELECT * FROM sys.environments ORDER BY name";
    }

    @Override
    List<Object> parameters() {
      return List.of();
    }
  }
}
