package dev.envsweep.bench;

import dev.envsweep.core.model.SuffixTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What a statement costs beyond the query itself, and how long a server takes to answer its first request. */
final class Endpoint {
  private Endpoint() {}

  /**
   * Median and 95th percentile, in microseconds, of {@code SELECT 1} and of {@code INVALIDATE}, over the Avatica
   * port and over the PostgreSQL wire-protocol port.
   */
  record RoundTrips(int calls, long select1Median, long select1P95, long invalidateMedian, long invalidateP95,
      long pgSelect1Median, long pgSelect1P95, long pgInvalidateMedian, long pgInvalidateP95) {}

  static RoundTrips roundTrips(Engine e, int calls) throws Exception {
    int warmup = 100;
    try (Connection c = e.fresh()) {
      new Fixture(c, 2).base().environments(0, 2 * (warmup + calls), SuffixTarget.SCHEMA, false, Fixture.LIVE);
    }
    List<Long> select = new ArrayList<>();
    List<Long> invalidate = new ArrayList<>();
    List<Long> pgSelect = new ArrayList<>();
    List<Long> pgInvalidate = new ArrayList<>();
    try (Served s = new Served(e.config(false, 1, 100))) {
      // Both ports in turn, call by call, so a slow spell of the machine falls on both alike.
      int pgEnv = warmup + calls;
      for (int i = 0; i < warmup; i++) {
        s.time("SELECT 1");
        s.time("INVALIDATE ENVIRONMENT " + Fixture.env(i));
        s.timePg("SELECT 1");
        s.timePg("INVALIDATE ENVIRONMENT " + Fixture.env(pgEnv + i));
      }
      for (int i = warmup; i < warmup + calls; i++) {
        select.add(s.time("SELECT 1").nanos() / 1_000);
        invalidate.add(s.time("INVALIDATE ENVIRONMENT " + Fixture.env(i)).nanos() / 1_000);
        pgSelect.add(s.timePg("SELECT 1").nanos() / 1_000);
        pgInvalidate.add(s.timePg("INVALIDATE ENVIRONMENT " + Fixture.env(pgEnv + i)).nanos() / 1_000);
      }
    }
    return new RoundTrips(calls, percentile(select, 50), percentile(select, 95), percentile(invalidate, 50),
        percentile(invalidate, 95), percentile(pgSelect, 50), percentile(pgSelect, 95),
        percentile(pgInvalidate, 50), percentile(pgInvalidate, 95));
  }

  /**
   * Milliseconds from {@code java -jar envsweep.jar serve} to the first answered {@code SELECT 1}, per launch: on
   * a new DuckDB file (the embedded default, as {@code serve --demo} would be) or on this PostgreSQL database.
   */
  static List<Long> startTimes(Engine e, Path jar, int launches) throws Exception {
    return startTimes(e, jar, launches, false);
  }

  /**
   * As {@link #startTimes(Engine, Path, int)}, started by the launcher when {@code launcher}: one untimed launch
   * first records its class-data-sharing archive, as the first start after installing does.
   */
  static List<Long> startTimes(Engine e, Path jar, int launches, boolean launcher) throws Exception {
    List<Long> times = new ArrayList<>();
    if (e instanceof Engine.Postgres) {
      try (Connection c = e.fresh()) {
        new Fixture(c, 2).base();
      }
    }
    for (int i = launcher ? -1 : 0; i < launches; i++) {
      Path dir = Files.createTempDirectory("envsweep-bench-start-");
      Path config = dir.resolve("envsweep.yaml");
      Files.writeString(config, e instanceof Engine.Postgres ? e.config(false, 1, 100)
          : "state_store:\n  create: true\ngateways:\n  local:\n    url: jdbc:duckdb:" + dir.resolve("wh.duckdb")
          + "\n");
      try (ServerProcess server = new ServerProcess(jar, config, dir, List.of(), launcher)) {
        long[] since = new long[1];
        server.awaitFirstAnswer(since).close();
        if (i >= 0) {
          times.add(since[0] / 1_000_000);
        }
      }
    }
    return times;
  }

  static long percentile(List<Long> values, int p) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
