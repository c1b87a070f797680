package dev.envsweep.server;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a SQL script, statement by statement "
    + "(split at semicolons outside quotes, dollar quotes and comments): each result printed, a failed statement "
    + "reported on one line with its line number and SQLSTATE, and the script stopped there unless "
    + "--continue-on-error. Exit 0 clean, 2 FAILED or WARNING rows, 1 a statement failed.")
final class RunCommand implements Callable<Integer> {
  @Option(names = {"-f", "--file"}, required = true, description = "The script")
  Path file;

  @Mixin Target target = new Target();

  @Mixin ScriptOptions script = new ScriptOptions();

  @Override
  public Integer call() {
    return new ScriptRunner(target, script, file).run();
  }
}
