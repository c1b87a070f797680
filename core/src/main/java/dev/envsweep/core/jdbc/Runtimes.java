package dev.envsweep.core.jdbc;

import dev.envsweep.core.Envsweep;
import dev.envsweep.core.SqlStates;
import dev.envsweep.core.config.ConfigException;
import dev.envsweep.core.config.ConfigLoader;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link Envsweep} of each driver URL, shared by all connections to it and closed when the last one closes
 * (so an embedded DuckDB file is released). A server binds its own runtime under a URL of its own, which lives
 * as long as the server.
 */
final class Runtimes {
  private Runtimes() {}

  private static final String BOUND = "bound:";
  private static final Map<String, Entry> BY_URL = new HashMap<>();
  private static final AtomicInteger NEXT = new AtomicInteger();

  private static final class Entry {
    final Envsweep envsweep;
    int users;
    final boolean bound;

    Entry(Envsweep envsweep, boolean bound) {
      this.envsweep = envsweep;
      this.bound = bound;
    }
  }

  /** The runtime for a {@code jdbc:envsweep:} URL, opened on first use; release it with {@link #release}. */
  static synchronized Envsweep acquire(String url) throws SQLException {
    Entry e = BY_URL.get(url);
    if (e == null) {
      String rest = url.substring(EnvsweepDriver.PREFIX.length());
      if (rest.startsWith(BOUND)) {
        throw SqlStates.configuration("no envsweep server is bound to " + url);
      }
      try {
        e = new Entry(Envsweep.open(new ConfigLoader().load(rest.isBlank() ? null : Path.of(rest))), false);
      } catch (ConfigException ex) {
        throw SqlStates.configuration(ex.getMessage());
      }
      BY_URL.put(url, e);
    }
    e.users++;
    return e.envsweep;
  }

  static synchronized void release(String url) {
    Entry e = BY_URL.get(url);
    if (e == null) {
      return;
    }
    if (--e.users <= 0 && !e.bound) {
      BY_URL.remove(url);
      e.envsweep.close();
    }
  }

  /** Makes a runtime reachable as {@code jdbc:envsweep:bound:N}, for Avatica's JdbcMeta inside a server. */
  static synchronized String bind(Envsweep envsweep) {
    String url = EnvsweepDriver.PREFIX + BOUND + NEXT.incrementAndGet();
    BY_URL.put(url, new Entry(envsweep, true));
    return url;
  }

  static synchronized void unbind(String url) {
    BY_URL.remove(url);
  }
}
