package dev.envsweep.server;

import dev.envsweep.core.config.ConfigException;
import dev.envsweep.core.config.ConfigLoader;
import dev.envsweep.core.config.EnvsweepConfig;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code envsweep} command line (DESIGN section 7). Exit codes: 0 every row fine, 2 FAILED or WARNING
 * rows (possible only under WARN ON FAILURE, or for protected environments), 1 an error, a usage error included.
 * Each subcommand is a class of its own; every one takes {@code --help}, and {@code envsweep help CMD} prints it.
 */
@Command(name = "envsweep", mixinStandardHelpOptions = true, version = "envsweep 0.1.0",
    description = "Ends the life of SQLMesh virtual data environments from plain SQL.")
public final class Main implements Runnable {
  /** The subcommands, in the order help lists them. */
  private static final List<Class<?>> SUBCOMMANDS = List.of(CommandLine.HelpCommand.class, ServeCommand.class,
      SqlCommand.class, RunCommand.class, StatementCommands.Invalidate.class, StatementCommands.Cleanup.class,
      StatementCommands.Explain.class, StatementCommands.Restore.class, StatementCommands.SetTtl.class,
      StatementCommands.Environments.class, HashPasswordCommand.class);

  static final int OK = 0;
  static final int ERROR = 1;
  static final int ROWS_WITH_PROBLEMS = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code (tests call this). */
  public static int run(String... args) {
    CommandLine cl = commandLine(args);
    exitCodes(cl);
    cl.setParameterExceptionHandler((e, ignored) -> {
      // One line naming the problem and where help is, rather than the whole usage text.
      String command = e.getCommandLine().getCommandSpec().qualifiedName(" ");
      System.err.println("envsweep: " + e.getMessage());
      System.err.println("see '" + command + " --help'");
      return ERROR;
    });
    return cl.execute(args);
  }

  /**
   * The command tree for {@code args}. picocli reflects on every option of every class it is given, which for all
   * eleven subcommands is 0.4 s of a 1.4 s server start (measured with {@code -Xlog:class+load}); so when the
   * line starts with a subcommand's name, only that subcommand is built. Help, the version, options before
   * the subcommand and unknown names get the whole tree, which they list.
   */
  static CommandLine commandLine(String... args) {
    CommandLine cl = new CommandLine(new Main());
    String first = args.length == 0 ? "help" : args[0];
    if (!first.equals("help")) {
      for (Class<?> subcommand : SUBCOMMANDS) {
        if (subcommand.getAnnotation(Command.class).name().equals(first)) {
          cl.addSubcommand(subcommand);
          return cl;
        }
      }
    }
    SUBCOMMANDS.forEach(cl::addSubcommand);
    return cl;
  }

  /** picocli's default for a usage error is 2, which this CLI keeps for FAILED/WARNING rows: 1 on every command. */
  private static void exitCodes(CommandLine cl) {
    cl.getCommandSpec().exitCodeOnInvalidInput(ERROR).exitCodeOnExecutionException(ERROR);
    cl.getSubcommands().values().forEach(Main::exitCodes);
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
    return fail(describe(e));
  }

  /** An SQLException as one line: its message and SQLSTATE. */
  static String describe(SQLException e) {
    String message = String.valueOf(e.getMessage()).strip();
    return message + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")");
  }

  static EnvsweepConfig loadConfig(Path config) throws ConfigException {
    return new ConfigLoader().load(config);
  }
}
