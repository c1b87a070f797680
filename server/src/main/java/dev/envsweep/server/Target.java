package dev.envsweep.server;

import picocli.CommandLine.Option;

/** Where a command's statements run: in-process on a configuration, or through a server (a picocli mixin). */
final class Target {
  @Option(names = "--config", description = "YAML configuration, when running in-process (default: "
      + "./envsweep.yaml, else the embedded default ./envsweep.duckdb)")
  java.nio.file.Path config;

  @Option(names = "--url", description = "Run through a server instead (http://host:port, whose serialization is "
      + "detected, or a full JDBC URL); needed while a server holds a DuckDB file")
  String url;

  @Option(names = "--user", description = "With --url: the user, for a server with basic authentication (the "
      + "password is read from ENVSWEEP_PASSWORD)")
  String user;
}
