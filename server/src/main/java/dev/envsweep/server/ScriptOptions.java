package dev.envsweep.server;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options of the script runner ({@code run -f}, {@code sql -f}); a picocli mixin. */
final class ScriptOptions {
  @Option(names = "--continue-on-error", description = "Run the statements after a failed one too (the exit code "
      + "is still 1)")
  boolean continueOnError;

  @Mixin OutputOptions output = new OutputOptions();
}
