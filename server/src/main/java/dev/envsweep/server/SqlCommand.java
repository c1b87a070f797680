package dev.envsweep.server;

import static dev.envsweep.server.Main.ERROR;
import static dev.envsweep.server.Main.OK;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sql}: real sqlline on a server (or any JDBC URL); with {@code -f FILE}, envsweep's script runner instead
 * (one-line errors, documented exit codes), as {@code run -f} does.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = "sqlline, connected to a running envsweep server (or any JDBC URL); -f FILE runs a script as "
        + "'run -f' does.")
final class SqlCommand implements Callable<Integer> {
  @Option(names = "--url", description = "Server URL: http://host:port or a full JDBC URL "
      + "(default: " + Connections.DEFAULT_SERVER + ")")
  String url;

  @Option(names = {"-f", "--file"}, description = "Run this SQL script with envsweep's runner (see 'run --help') "
      + "instead of an interactive sqlline")
  Path file;

  @Mixin ScriptOptions script = new ScriptOptions();

  @Parameters(description = "Further sqlline arguments, after --, e.g. -- --color=true")
  List<String> sqllineArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    if (file != null) {
      Target target = new Target();
      target.url = url == null ? "http://127.0.0.1:8765" : url;
      return new ScriptRunner(target, script, file).run();
    }
    // sqlline asks for TRANSACTION_REPEATABLE_READ unless told otherwise, and the stock Avatica client says it
    // supports no level but TRANSACTION_NONE (AvaticaDatabaseMetaData.supportsTransactionIsolationLevel), so
    // sqlline would warn on every start. Every envsweep statement commits on its own: TRANSACTION_NONE is true.
    List<String> args = new ArrayList<>(List.of("-u", Connections.jdbcUrl(url), "-n", "", "-p", "",
        "--maxWidth=250", "--incremental=false", "--verbose=false", "--isolation=TRANSACTION_NONE"));
    args.addAll(sqllineArgs);
    sqlline.SqlLine.Status status = sqlline.SqlLine.start(args.toArray(String[]::new), null, true);
    return status == sqlline.SqlLine.Status.OK ? OK : ERROR;
  }
}
