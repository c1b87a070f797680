package dev.envsweep.server;

import dev.envsweep.core.Envsweep;
import dev.envsweep.core.config.ConfigException;
import dev.envsweep.core.config.ConfigLoader;
import dev.envsweep.core.config.EnvsweepConfig;
import dev.envsweep.core.config.ServerConfig;
import dev.envsweep.server.logging.LogSetup;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code envsweep} command line (DESIGN section 7). Exit codes: 0 every row fine, 2 FAILED or WARNING
 * rows (possible only under WARN ON FAILURE, or for protected environments), 1 an error.
 */
@Command(name = "envsweep", mixinStandardHelpOptions = true, version = "envsweep 0.1.0",
    description = "Ends the life of SQLMesh virtual data environments from plain SQL.",
    subcommands = {Main.Serve.class, Main.Sql.class, Main.Invalidate.class, Main.Cleanup.class,
        Main.Explain.class, Main.Restore.class, Main.SetTtl.class, Main.Environments.class, Main.HashPassword.class})
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

    @Option(names = "--pg-port", description = "Also serve the PostgreSQL wire protocol on this port (default: "
        + "server.pg_port; absent: no such listener), for psql, psycopg2, dbt-postgres")
    Integer pgPort;

    @Option(names = "--metrics-port", description = "Serve /metrics (Prometheus) and /health/live, /health/ready "
        + "on this port (default: server.metrics_port; absent: no such listener)")
    Integer metricsPort;

    @Option(names = "--demo", description = "Rebuild envsweep-demo.duckdb with a small SQLMesh project and serve it")
    boolean demo;

    @Option(names = "--insecure", description = "Allow a non-loopback server.host without authentication")
    boolean insecure;

    @Option(names = "--log-format", description = "text (default) or json: one JSON object per line, for log "
        + "shippers")
    String logFormat;

    @Option(names = "--log-config", description = "A Logback configuration file: it then decides levels, format "
        + "and where the log goes")
    Path logConfig;

    @Override
    public Integer call() {
      try {
        LogSetup.configure(logFormat == null ? LogSetup.Format.TEXT : LogSetup.Format.parse(logFormat), logConfig,
            true);
      } catch (IllegalArgumentException e) {
        return fail(e.getMessage());
      }
      WarmUp.start(config);
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
        if (pgPort != null) {
          server = server.withPgPort(pgPort);
        }
        if (metricsPort != null) {
          server = server.withMetricsPort(metricsPort);
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
        if (http.pgPort() >= 0) {
          System.out.println("PostgreSQL wire protocol on " + server.host() + ":" + http.pgPort() + " (psql -h "
              + server.host() + " -p " + http.pgPort() + ")");
        }
        if (http.metricsPort() >= 0) {
          String host = server.host().contains(":") ? "[" + server.host() + "]" : server.host();
          System.out.println("metrics on " + (server.tls() ? "https" : "http") + "://" + host + ":"
              + http.metricsPort() + "/metrics (health: /health/live, /health/ready)");
        }
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

  @Command(name = "invalidate", description = "INVALIDATE ENVIRONMENT name [SYNC [WARN ON FAILURE]] [FORCE], or "
      + "with --like: INVALIDATE ENVIRONMENTS LIKE pattern [OLDER THAN age]")
  static final class Invalidate extends OneStatement {
    @Mixin InvalidateForm form;

    @Override
    String sql() {
      return form.sql();
    }

    @Override
    List<Object> parameters() {
      return form.parameters();
    }
  }

  /** What {@code invalidate} and {@code explain invalidate} share: one environment by name, or many by pattern. */
  static final class InvalidateForm {
    @Spec(Spec.Target.MIXEE) CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", description = "Environment name (sanitised as SQLMesh does)")
    String name;

    @Option(names = "--like", description = "Every environment whose name matches this LIKE pattern, e.g. 'pr_%' "
        + "(never prod or pinned ones)")
    String like;

    @Option(names = "--older-than", description = "With --like: only those finalized longer ago than this, e.g. "
        + "'7 days'")
    String olderThan;

    @Option(names = "--sync", description = "Clean the environment up now")
    boolean sync;

    @Option(names = "--warn-on-failure", description = "With --sync: delete its state even if a drop fails")
    boolean warnOnFailure;

    @Option(names = "--force", description = "With --sync: drop with SQLMesh's SQL, without the ownership check")
    boolean force;

    String sql() {
      if ((name == null) == (like == null)) {
        throw new ParameterException(spec.commandLine(), "give an environment name or --like pattern (one of them)");
      }
      if (like != null) {
        if (sync || warnOnFailure || force) {
          throw new ParameterException(spec.commandLine(), "--sync, --warn-on-failure and --force apply to one "
              + "environment, not to --like");
        }
        return "INVALIDATE ENVIRONMENTS LIKE ?" + (olderThan != null ? " OLDER THAN ?" : "");
      }
      if (olderThan != null) {
        throw new ParameterException(spec.commandLine(), "--older-than goes with --like");
      }
      return "INVALIDATE ENVIRONMENT ?" + (sync ? " SYNC" : "") + (sync && warnOnFailure ? " WARN ON FAILURE" : "")
          + (sync && force ? " FORCE" : "");
    }

    List<Object> parameters() {
      return like == null ? List.of(name) : olderThan == null ? List.of(like) : List.of(like, olderThan);
    }
  }

  @Command(name = "cleanup", description = "CLEANUP EXPIRED ENVIRONMENTS [WARN ON FAILURE] [FORCE]")
  static final class Cleanup extends OneStatement {
    @Option(names = "--warn-on-failure", description = "Delete state even when a drop fails")
    boolean warnOnFailure;

    @Option(names = "--force", description = "Drop with SQLMesh's SQL, without the ownership check")
    boolean force;

    @Option(names = "--dry-run", description = "Show the statements (EXPLAIN); run nothing")
    boolean dryRun;

    @Override
    String sql() {
      return (dryRun ? "EXPLAIN " : "") + "CLEANUP EXPIRED ENVIRONMENTS" + (warnOnFailure ? " WARN ON FAILURE" : "")
          + (force ? " FORCE" : "");
    }

    @Override
    List<Object> parameters() {
      return List.of();
    }
  }

  @Command(name = "explain", description = "What a statement would run, changing nothing: 'explain cleanup "
      + "[--force]', 'explain invalidate NAME [--sync]', 'explain invalidate --like PATTERN [--older-than AGE]'",
      subcommands = {Explain.ExplainCleanup.class, Explain.ExplainInvalidate.class})
  static final class Explain implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      throw new ParameterException(spec.commandLine(), "say what to explain: cleanup or invalidate");
    }

    @Command(name = "cleanup", description = "EXPLAIN CLEANUP EXPIRED ENVIRONMENTS [WARN ON FAILURE] [FORCE]")
    static final class ExplainCleanup extends OneStatement {
      @Option(names = "--warn-on-failure", description = "As the cleanup would run with it")
      boolean warnOnFailure;

      @Option(names = "--force", description = "As the cleanup would run with it")
      boolean force;

      @Override
      String sql() {
        return "EXPLAIN CLEANUP EXPIRED ENVIRONMENTS" + (warnOnFailure ? " WARN ON FAILURE" : "")
            + (force ? " FORCE" : "");
      }

      @Override
      List<Object> parameters() {
        return List.of();
      }
    }

    @Command(name = "invalidate", description = "EXPLAIN INVALIDATE ENVIRONMENT name [SYNC ...] or EXPLAIN "
        + "INVALIDATE ENVIRONMENTS LIKE pattern [OLDER THAN age]")
    static final class ExplainInvalidate extends OneStatement {
      @Mixin InvalidateForm form;

      @Override
      String sql() {
        return "EXPLAIN " + form.sql();
      }

      @Override
      List<Object> parameters() {
        return form.parameters();
      }
    }
  }

  @Command(name = "restore", description = "RESTORE ENVIRONMENT name: undo an invalidation cleanup has not reached")
  static final class Restore extends OneStatement {
    @Parameters(index = "0", description = "Environment name")
    String name;

    @Override
    String sql() {
      return "RESTORE ENVIRONMENT ?";
    }

    @Override
    List<Object> parameters() {
      return List.of(name);
    }
  }

  @Command(name = "set-ttl", description = "ALTER ENVIRONMENT name SET TTL 'in 2 weeks' | SET EXPIRATION NONE "
      + "(TTL 'none') | SET EXPIRES AT (--expires-at)")
  static final class SetTtl extends OneStatement {
    @Spec CommandSpec spec;

    @Parameters(index = "0", description = "Environment name")
    String name;

    @Parameters(index = "1", arity = "0..1", description = "'in 2 weeks', '3 days', or 'none' for no expiry")
    String ttl;

    @Option(names = "--expires-at", description = "A moment instead of a TTL: '2026-12-01 00:00:00' (UTC) or "
        + "'2026-12-01T00:00:00+01:00'")
    String expiresAt;

    @Override
    String sql() {
      if ((ttl == null) == (expiresAt == null)) {
        throw new ParameterException(spec.commandLine(), "give a TTL or --expires-at (one of them)");
      }
      if (expiresAt != null) {
        return "ALTER ENVIRONMENT ? SET EXPIRES AT ?";
      }
      return ttl.strip().equalsIgnoreCase("none") ? "ALTER ENVIRONMENT ? SET EXPIRATION NONE"
          : "ALTER ENVIRONMENT ? SET TTL ?";
    }

    @Override
    List<Object> parameters() {
      if (expiresAt != null) {
        return List.of(name, expiresAt);
      }
      return ttl.strip().equalsIgnoreCase("none") ? List.of(name) : List.of(name, ttl);
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
