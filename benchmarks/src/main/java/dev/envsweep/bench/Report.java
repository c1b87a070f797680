package dev.envsweep.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The results as Markdown: one table per workload, figures and the targets they are held to. */
final class Report {
  private final List<Bench.Cleanup> cleanups = new ArrayList<>();
  private final List<String[]> parallel = new ArrayList<>();
  private MemoryRun.Result memory;

  void cleanup(Bench.Cleanup c) {
    cleanups.add(c);
    System.out.println("done: " + c.engine() + " " + c.target().stored() + ": envsweep " + ms(c.envsweepNanos())
        + ", overhead floor " + ms(c.overheadFloorNanos()) + ", minimal floor " + ms(c.minimalFloorNanos()));
  }

  private long remoteMinimalNanos = -1;
  private int latencyMs;
  private final List<String[]> remoteParallel = new ArrayList<>();

  void remoteMinimal(int latencyMs, long nanos) {
    this.latencyMs = latencyMs;
    remoteMinimalNanos = nanos;
    System.out.println("done: minimal floor over " + latencyMs + " ms latency: " + ms(nanos));
  }

  void remoteParallel(int drops, long nanos) {
    remoteParallel.add(new String[] {String.valueOf(drops), ms(nanos), String.format(Locale.ROOT, "%.2f",
        (double) nanos / remoteMinimalNanos)});
    System.out.println("done: parallel " + drops + " over latency: " + ms(nanos));
  }

  private String floorTable;
  private final List<String> coldRows = new ArrayList<>();

  /** Issue 15's (b) and (c): envsweep cold against its floor. */
  void cold(String what, long envsweepNanos, String floorWhat, long floorNanos) {
    coldRows.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f |%n", what, ms(envsweepNanos), floorWhat,
        ms(floorNanos), (double) envsweepNanos / floorNanos));
    System.out.println("done: cold " + what + ": " + ms(envsweepNanos) + " vs " + ms(floorNanos));
  }

  /** Issue 15's (a): envsweep per {@code max_parallel_drops} setting (0: left out) against the sequential floor. */
  void floor(int n, int m, int schemas, long floorNanos, java.util.Map<Integer, Long> envsweep) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "## At the floor (PostgreSQL, schema target, %d x "
        + "%d, %d schemas per environment)%n%nThe sequential floor is the same `DROP SCHEMA ... CASCADE` statements "
        + "and state `DELETE`s sent one by one on one connection, each committed on its own. `CLEANUP EXPIRED "
        + "ENVIRONMENTS` through the Avatica server, every row read. Targets: <= 1.0x the floor with the default "
        + "configuration, <= 1.2x with `max_parallel_drops: 1`.%n%n| configuration | time | / floor |%n|---|---|---|%n"
        + "| sequential floor | %s | 1.00 |%n", n, m, schemas, ms(floorNanos)));
    envsweep.forEach((p, nanos) -> b.append(String.format(Locale.ROOT, "| envsweep, %s | %s | %.2f |%n",
        p == 0 ? "default (`max_parallel_drops` left out)" : "`max_parallel_drops: " + p + "`", ms(nanos),
        (double) nanos / floorNanos)));
    floorTable = b.append('\n').toString();
    System.out.println("done: floor " + ms(floorNanos) + ", envsweep " + envsweep);
  }

  void parallel(int drops, Served.Timed t) {
    parallel.add(new String[] {String.valueOf(drops), ms(t.nanos())});
    System.out.println("done: parallel " + drops + ": " + ms(t.nanos()));
  }

  void memory(MemoryRun.Result r) {
    memory = r;
    System.out.println("done: memory: " + r.rows() + " rows in " + ms(r.nanos()) + ", heap after GC <= "
        + r.maxAfterGcMb() + " MiB");
  }

  void endpoint(String engine, Endpoint.RoundTrips t, List<Long> startMs, List<Long> launcherStartMs) {
    endpoints.add(new EndpointRun(engine, t, startMs, launcherStartMs));
    System.out.println("done: endpoint " + engine + ": " + t + ", start " + startMs + " ms, with the launcher "
        + launcherStartMs + " ms");
  }

  private record EndpointRun(String engine, Endpoint.RoundTrips trips, List<Long> starts, List<Long> launcherStarts) {}

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private final List<EndpointRun> endpoints = new ArrayList<>();

  String render(Bench.Sizes sizes, String machine) {
    StringBuilder b = new StringBuilder("# envsweep benchmark results\n\n");
    b.append("Machine: ").append(machine).append(". Produced by `benchmarks/run.sh")
        .append(sizes == Bench.Sizes.QUICK ? " --quick" : "").append("`.\n\n");
    if (floorTable != null) {
      b.append(floorTable);
    }
    if (!coldRows.isEmpty()) {
      b.append("## Cold (PostgreSQL)\n\nWhat CI jobs and cron run: a freshly started server's first CLEANUP, "
          + "and `envsweep cleanup` as a whole process (JVM start included) against `psql -f` of the same drops. "
          + "Targets: <= 2x at 200 x 5 and <= 1.3x at 1,000 x 5; <= 1.5x for the process.\n\n"
          + "| envsweep | time | floor | time | ratio |\n|---|---|---|---|---|\n");
      coldRows.forEach(b::append);
      b.append('\n');
    }
    if (!cleanups.isEmpty()) {
      b.append("## Cleanup throughput\n\n")
          .append("`CLEANUP EXPIRED ENVIRONMENTS` through the Avatica server (stock remote driver over HTTP, every row "
              + "read) against the overhead floor (exactly the statements envsweep sent, captured and replayed over "
              + "plain JDBC one at a time, with envsweep's transactions, on as many connections as it held at once) "
              + "and the minimal floor (only SQLMesh's drops and state deletes, each drop committed on its own). "
              + "Targets: envsweep <= 1.2x the overhead floor and <= 2x the minimal floor. Each figure is the median of "
              + sizes.repeats() + " run(s), taken in turn.\n\n")
          .append("| engine | target | environments x models | envsweep | overhead floor (statements) | minimal floor "
              + "| / overhead | / minimal |\n|---|---|---|---|---|---|---|---|\n");
      for (Bench.Cleanup c : cleanups) {
        b.append(String.format(Locale.ROOT, "| %s | %s | %d x %d | %s | %s (%d%s) | %s | %.2f | %.2f |%n",
            c.engine(), c.target().stored(), c.environments(), c.models(), ms(c.envsweepNanos()),
            ms(c.overheadFloorNanos()), c.statements(), c.replayErrors() == 0 ? "" : ", " + c.replayErrors()
                + " failed", ms(c.minimalFloorNanos()), (double) c.envsweepNanos() / c.overheadFloorNanos(),
            (double) c.envsweepNanos() / c.minimalFloorNanos()));
      }
      b.append('\n');
    }
    if (!parallel.isEmpty()) {
      b.append("## Parallel drops (PostgreSQL, schema target, ").append(sizes.environments()).append(" x ")
          .append(sizes.models()).append(", median of ").append(sizes.repeats()).append(")\n\n| max_parallel_drops | envsweep |\n|---|---|\n");
      for (String[] p : parallel) {
        b.append("| ").append(p[0]).append(" | ").append(p[1]).append(" |\n");
      }
      b.append('\n');
      if (!remoteParallel.isEmpty()) {
        b.append("The same with every round trip to PostgreSQL delayed by ").append(latencyMs).append(" ms (a "
            + "warehouse a network away; `LatencyDriver`), the minimal floor sent the same way, sequentially: ")
            .append(ms(remoteMinimalNanos)).append(".\n\n| max_parallel_drops | envsweep | / minimal floor |\n"
            + "|---|---|---|\n");
        for (String[] p : remoteParallel) {
          b.append("| ").append(p[0]).append(" | ").append(p[1]).append(" | ").append(p[2]).append(" |\n");
        }
        b.append('\n');
      }
    }
    if (memory != null) {
      b.append("## Memory\n\n").append(String.format(Locale.ROOT, "%,d expired environments x 2 models (objects "
          + "already absent) on PostgreSQL, server process with `-Xmx256m`, client reading every row: %s, %,d rows "
          + "in %s; largest heap after a GC %d MiB, largest before %d MiB (from the server's GC log).%s%n%n",
          memory.environments(), memory.completed() ? "completed" : "FAILED", memory.rows(), ms(memory.nanos()),
          memory.maxAfterGcMb(), memory.maxBeforeGcMb(), memory.error() == null ? "" : " " + memory.error()));
    }
    if (!endpoints.isEmpty()) {
      b.append("## Endpoint overhead\n\n").append(String.format(Locale.ROOT, "Over one Avatica connection (protobuf over "
          + "HTTP, the stock remote driver), %d calls of each after 100 of warm-up; `INVALIDATE ENVIRONMENT` target "
          + "<= 2x `SELECT 1`. Server start: from `java -jar envsweep.jar serve` to the first answered request, "
          + "per launch; target <= 1 s. With the launcher: `server/target/envsweep serve`, its class-data-sharing "
          + "archive recorded by an earlier launch.%n%n", endpoints.get(0).trips().calls()))
          .append("| state store and gateway | `SELECT 1` median (p95) | `INVALIDATE` median (p95) | ratio | server "
              + "start (median) | with the launcher (median) |\n|---|---|---|---|---|---|\n");
      for (EndpointRun r : endpoints) {
        Endpoint.RoundTrips t = r.trips();
        List<Long> sorted = new ArrayList<>(r.starts());
        Collections.sort(sorted);
        b.append(String.format(Locale.ROOT, "| %s | %.2f ms (%.2f) | %.2f ms (%.2f) | %.1fx | %s ms (%d) | %s ms (%d) |%n",
            r.engine(), t.select1Median() / 1000.0, t.select1P95() / 1000.0, t.invalidateMedian() / 1000.0,
            t.invalidateP95() / 1000.0, (double) t.invalidateMedian() / t.select1Median(), r.starts(),
            sorted.get(sorted.size() / 2), r.launcherStarts(), median(r.launcherStarts())));
      }
      b.append("\nThe same calls over the PostgreSQL wire-protocol port (`server.pg_port`), by pgjdbc in its default "
          + "extended-protocol mode, taken in turn with the Avatica calls above:\n\n"
          + "| state store and gateway | `SELECT 1` PG port (p95) | vs Avatica | `INVALIDATE` PG port (p95) | vs Avatica "
          + "|\n|---|---|---|---|---|\n");
      for (EndpointRun r : endpoints) {
        Endpoint.RoundTrips t = r.trips();
        b.append(String.format(Locale.ROOT, "| %s | %.2f ms (%.2f) | %.2fx | %.2f ms (%.2f) | %.2fx |%n", r.engine(),
            t.pgSelect1Median() / 1000.0, t.pgSelect1P95() / 1000.0, (double) t.pgSelect1Median() / t.select1Median(),
            t.pgInvalidateMedian() / 1000.0, t.pgInvalidateP95() / 1000.0,
            (double) t.pgInvalidateMedian() / t.invalidateMedian()));
      }
      b.append('\n');
    }
    return b.toString();
  }

  static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.0f ms", nanos / 1e6);
  }
}
