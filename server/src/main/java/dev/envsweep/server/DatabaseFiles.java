package dev.envsweep.server;

import dev.envsweep.core.config.ConfigException;
import dev.envsweep.core.config.EnvsweepConfig;
import dev.envsweep.core.config.GatewayConfig;
import dev.envsweep.dialects.Dialect;
import dev.envsweep.dialects.Dialects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The local database files (DuckDB) a configuration names, and the rule for ones that do not exist yet. DuckDB
 * creates a missing file on first connection, so a typo in a path would silently leave an empty database behind
 * and report "no environments". The CLI therefore creates a missing file only where the user asked for one:
 * the embedded default ({@code ./envsweep.duckdb}, no configuration at all), and a state store configured with
 * {@code state_store.create: true} (which asks envsweep to create SQLMesh's tables, and so their database).
 * Every other missing file is refused before anything is opened.
 */
final class DatabaseFiles {
  private DatabaseFiles() {}

  /** Source name {@link dev.envsweep.core.config.ConfigLoader} gives the embedded default. */
  private static final String EMBEDDED_SOURCE = "embedded default";

  /** Every distinct local database file of the state store and the gateways, absolute. */
  static Set<Path> local(EnvsweepConfig cfg) {
    Set<Path> files = new LinkedHashSet<>();
    stateFile(cfg).ifPresent(files::add);
    for (GatewayConfig g : cfg.gateways().values()) {
      localFile(g.url(), g.dialect()).ifPresent(files::add);
    }
    return files;
  }

  /** Refuses a configuration naming a local database file that does not exist and that it may not create. */
  static void requireExisting(EnvsweepConfig cfg) throws ConfigException {
    if (EMBEDDED_SOURCE.equals(cfg.source())) {
      return;
    }
    Optional<Path> state = stateFile(cfg);
    boolean mayCreateState = cfg.stateStore().create();
    for (Path file : local(cfg)) {
      if (Files.exists(file) || (mayCreateState && state.isPresent() && state.get().equals(file))) {
        continue;
      }
      boolean isState = state.isPresent() && state.get().equals(file);
      throw new ConfigException(cfg.source() + ": " + (isState ? "the state store's" : "a gateway's")
          + " database file " + file + " does not exist (is the path right?); envsweep does not create it"
          + (isState ? " unless state_store.create is true" : ""));
    }
  }

  private static Optional<Path> stateFile(EnvsweepConfig cfg) {
    if (cfg.stateStore().url() == null) {
      GatewayConfig g = cfg.defaultGatewayConfig();
      return localFile(g.url(), g.dialect());
    }
    return localFile(cfg.stateStore().url(), cfg.stateStore().dialect());
  }

  private static Optional<Path> localFile(String url, String dialectName) {
    if (url == null) {
      return Optional.empty();
    }
    Optional<Dialect> dialect;
    try {
      dialect = dialectName != null ? Optional.of(Dialects.byName(dialectName)) : Dialects.forUrl(url);
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // an unknown dialect is reported, with the known names, when it is opened
    }
    // Only a URL of the dialect's own form names a file: a wrapping driver's URL (dialect: duckdb over another
    // JDBC driver) is that driver's business.
    return dialect.filter(d -> d.acceptsUrl(url)).flatMap(d -> d.driver().localDatabaseFile(url));
  }
}
