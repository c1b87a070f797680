package dev.envsweep.bench;

import dev.envsweep.bench.CaptureDriver.Sent;
import dev.envsweep.core.model.SuffixTarget;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark harness behind {@code benchmarks/run.sh}: each workload on real databases, printed as a table and
 * written to RESULTS.md. Arguments: {@code [--quick] [--out FILE] [--jar envsweep.jar] [--only a,b]} with
 * workloads {@code floor, cold, cleanup, parallel, memory, endpoint}.
 */
public final class Bench {
  private Bench() {}

  /** Sizes of one run. */
  /** @param repeats how often each cleanup figure is measured; the report gives the median (the machine is noisy) */
  record Sizes(int environments, int models, int memoryEnvironments, int endpointCalls, int repeats) {
    static final Sizes FULL = new Sizes(1_000, 20, 100_000, 500, 3);
    static final Sizes QUICK = new Sizes(100, 5, 10_000, 200, 1);
  }

  public static void main(String[] args) throws Exception {
    List<String> a = Arrays.asList(args);
    Sizes sizes = a.contains("--quick") ? Sizes.QUICK : Sizes.FULL;
    if (a.contains("--environments")) {
      sizes = new Sizes(Integer.parseInt(a.get(a.indexOf("--environments") + 1)), sizes.models(),
          sizes.memoryEnvironments(), sizes.endpointCalls(), sizes.repeats());
    }
    if (a.contains("--repeat")) {
      sizes = new Sizes(sizes.environments(), sizes.models(), sizes.memoryEnvironments(), sizes.endpointCalls(),
          Integer.parseInt(a.get(a.indexOf("--repeat") + 1)));
    }
    Path out = a.contains("--out") ? Path.of(a.get(a.indexOf("--out") + 1)) : null;
    Path jar = a.contains("--jar") ? Path.of(a.get(a.indexOf("--jar") + 1)) : Path.of("server/target/envsweep.jar");
    List<String> only = a.contains("--only") ? Arrays.asList(a.get(a.indexOf("--only") + 1).split(","))
        : List.of("floor", "cold", "cleanup", "parallel", "memory", "endpoint");
    if (a.contains("--dump")) {
      dump(a.get(a.indexOf("--dump") + 1), a.contains("--environments") ? sizes : new Sizes(200, 5, 0, 0, 1));
      return;
    }
    Report report = new Report();
    try (Engine.Postgres pg = new Engine.Postgres(); Engine.DuckDb duck = new Engine.DuckDb()) {
      List<String> engines = a.contains("--engines") ? Arrays.asList(a.get(a.indexOf("--engines") + 1).split(","))
          : List.of("postgres", "duckdb");
      List<String> targets = a.contains("--targets") ? Arrays.asList(a.get(a.indexOf("--targets") + 1).split(","))
          : List.of("schema", "table");
      if (only.contains("floor")) {
        // The schema target as a backlog of real PR environments leaves it: 4 schemas per environment.
        int schemas = 4;
        int n = sizes.environments();
        int m = sizes.models();
        cleanupOnly(pg, SuffixTarget.SCHEMA, 50, 4, schemas, 0, ""); // warm: a served envsweep runs for days
        List<Long> floor = new ArrayList<>();
        java.util.Map<Integer, List<Long>> envsweep = new java.util.TreeMap<>();
        List<Integer> settings = a.contains("--sweep") ? List.of(0, 1, 2, 3, 4, 6, 8) : List.of(0, 1);
        for (int r = 0; r < sizes.repeats(); r++) {
          prepare(pg, SuffixTarget.SCHEMA, n, m, schemas);
          try (Connection c = pg.connect()) {
            floor.add(Floors.minimal(c, n, m, schemas, SuffixTarget.SCHEMA));
            check(c, "sequential floor");
          }
          for (int p : settings) {
            envsweep.computeIfAbsent(p, x -> new ArrayList<>())
                .add(cleanupOnly(pg, SuffixTarget.SCHEMA, n, m, schemas, p, "").nanos());
          }
        }
        report.floor(n, m, schemas, median(floor), envsweep.entrySet().stream()
            .collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey, x -> median(x.getValue()),
                (x, y) -> x, java.util.TreeMap::new)));
      }
      if (only.contains("cold")) {
        cold(pg, jar, sizes, report);
      }
      if (only.contains("cleanup")) {
        for (Engine e : List.of(pg, duck)) {
          if (!engines.contains(e.name())) {
            continue;
          }
          // A served envsweep runs for days: measure it warm (JIT), as the floors' plain JDBC code is too.
          cleanup(e, SuffixTarget.SCHEMA, 50, 2, 1, 1);
          for (SuffixTarget t : List.of(SuffixTarget.SCHEMA, SuffixTarget.TABLE)) {
            if (!targets.contains(t.stored())) {
              continue;
            }
            report.cleanup(cleanup(e, t, sizes.environments(), sizes.models(), 1, sizes.repeats()));
          }
        }
      }
      if (only.contains("parallel")) {
        for (int p : List.of(1, 2, 4, 8)) {
          List<Served.Timed> runs = new java.util.ArrayList<>();
          for (int r = 0; r < sizes.repeats(); r++) {
            runs.add(cleanupOnly(pg, SuffixTarget.SCHEMA, sizes.environments(), sizes.models(), p));
          }
          runs.sort(java.util.Comparator.comparingLong(Served.Timed::nanos));
          report.parallel(p, runs.get(runs.size() / 2));
        }
        // The same against a warehouse a network away: every round trip waits LATENCY_MS first.
        LatencyDriver.register();
        String remote = LatencyDriver.url(LATENCY_MS, "");
        List<Long> minimal = new java.util.ArrayList<>();
        for (int r = 0; r < REMOTE_RUNS; r++) {
          prepare(pg, SuffixTarget.SCHEMA, sizes.environments(), sizes.models());
          try (Connection c = DriverManager.getConnection(remote + pg.url(), pg.user(), "")) {
            minimal.add(Floors.minimal(c, sizes.environments(), sizes.models(), SuffixTarget.SCHEMA));
          }
          try (Connection c = pg.connect()) {
            check(c, "minimal floor over latency");
          }
        }
        report.remoteMinimal(LATENCY_MS, median(minimal));
        for (int p : List.of(1, 2, 4, 8)) {
          List<Long> runs = new java.util.ArrayList<>();
          for (int r = 0; r < REMOTE_RUNS; r++) {
            runs.add(cleanupOnly(pg, SuffixTarget.SCHEMA, sizes.environments(), sizes.models(), p, remote).nanos());
          }
          report.remoteParallel(p, median(runs));
        }
      }
      if (only.contains("memory")) {
        report.memory(MemoryRun.run(pg, jar, sizes.memoryEnvironments()));
      }
      if (only.contains("endpoint")) {
        for (Engine e : List.of(duck, pg)) {
          if (engines.contains(e.name())) {
            int launches = sizes == Sizes.QUICK ? 2 : 5;
            report.endpoint(e.name(), Endpoint.roundTrips(e, sizes.endpointCalls()),
                Endpoint.startTimes(e, jar, launches), Endpoint.startTimes(e, jar, launches, true));
          }
        }
      }
    }
    String text = report.render(sizes, machine());
    System.out.println(text);
    if (out != null) {
      Files.writeString(out, text);
    }
  }

  /** One cleanup measurement with both floors. */
  record Cleanup(String engine, SuffixTarget target, int environments, int models, long envsweepNanos, long rows,
      long overheadFloorNanos, int statements, int replayErrors, long minimalFloorNanos) {}

  /**
   * One cleanup measurement with both floors, each taken {@code repeats} times in turn (envsweep, overhead floor,
   * minimal floor, again...) so that a slow spell of the machine does not fall on one of them only; medians.
   */
  static Cleanup cleanup(Engine e, SuffixTarget target, int n, int m, int parallel, int repeats) throws Exception {
    // What envsweep sends, captured on a run of its own.
    prepare(e, target, n, m);
    List<Sent> sent;
    try (Served s = new Served(e.config(true, parallel, PAGE_SIZE))) {
      CaptureDriver.clear();
      s.time("CLEANUP EXPIRED ENVIRONMENTS");
      sent = CaptureDriver.captured();
    }
    List<Long> envsweep = new java.util.ArrayList<>();
    List<Long> overhead = new java.util.ArrayList<>();
    List<Long> minimal = new java.util.ArrayList<>();
    long rows = 0;
    Floors.Replayed replay = null;
    for (int r = 0; r < repeats; r++) {
      Served.Timed run = cleanupOnly(e, target, n, m, parallel);
      envsweep.add(run.nanos());
      rows = run.rows();

      prepare(e, target, n, m);
      // envsweep's own tables exist before its cleanup runs; create them outside the measurement.
      try (Served s = new Served(e.config(false, parallel, PAGE_SIZE))) {
        s.time("SELECT count(*) FROM sys.environments");
      }
      replay = Floors.replay(e::connect, sent);
      try (Connection c = e.connect()) {
        check(c, "overhead floor");
      }
      overhead.add(replay.nanos());

      prepare(e, target, n, m);
      try (Connection c = e.connect()) {
        minimal.add(Floors.minimal(c, n, m, target));
        check(c, "minimal floor");
      }
    }
    return new Cleanup(e.name(), target, n, m, median(envsweep), rows, median(overhead), replay.statements(),
        replay.errors(), median(minimal));
  }

  /** JVM options for the cold servers, from {@code -Dbench.serverJvm} (a profiler's, say); none by default. */
  private static List<String> profiling() {
    String options = System.getProperty("bench.serverJvm", "").trim();
    return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
  }

  /**
   * {@code janitor.page_size} of the throughput and dump runs, from {@code -Dbench.pageSize}: envsweep's
   * default, 100, unless a run is about the page size itself.
   */
  private static final int PAGE_SIZE = Integer.getInteger("bench.pageSize", 100);

  /**
   * What CI jobs and cron run, cold: (b) the first CLEANUP on a freshly started server process, table target,
   * against plain JDBC drops on one connection; (c) {@code envsweep cleanup} as a whole process against the
   * sequential floor run as a process by {@code psql -f}, JVM start included. Medians of {@code repeats}.
   */
  private static void cold(Engine.Postgres pg, Path jar, Sizes sizes, Report report) throws Exception {
    Path dir = Files.createTempDirectory("envsweep-bench-cold-");
    Path config = dir.resolve("envsweep.yaml");
    Files.writeString(config, pg.config(false, 0, 100));
    for (boolean launcher : List.of(false, true)) {
      String how = launcher ? "; launcher (CDS archive recorded by an earlier run)" : "; java -jar";
      if (launcher) {
        recordArchives(pg, jar, config, dir);
      }
      for (int n : sizes == Sizes.QUICK ? List.of(100) : List.of(200, 1_000)) {
        List<Long> served = new ArrayList<>();
        List<Long> floor = new ArrayList<>();
        for (int r = 0; r < sizes.repeats(); r++) {
          prepare(pg, SuffixTarget.TABLE, n, 5);
          served.add(firstCleanup(jar, config, dir, launcher));
          try (Connection c = pg.connect()) {
            check(c, "cold server");
          }
          prepare(pg, SuffixTarget.TABLE, n, 5);
          try (Connection c = pg.connect()) {
            floor.add(Floors.minimal(c, n, 5, SuffixTarget.TABLE));
            check(c, "table floor");
          }
        }
        report.cold("first CLEANUP after `serve`, table target, " + n + " x 5" + how, median(served),
            "plain JDBC drops, one connection", median(floor));
      }
      int n = sizes.environments();
      int m = sizes.models();
      List<Long> process = new ArrayList<>();
      List<Long> psql = new ArrayList<>();
      for (int r = 0; r < sizes.repeats(); r++) {
        prepare(pg, SuffixTarget.SCHEMA, n, m, 4);
        process.add(cleanupProcess(jar, config, dir, launcher));
        try (Connection c = pg.connect()) {
          check(c, "envsweep cleanup process");
        }
        prepare(pg, SuffixTarget.SCHEMA, n, m, 4);
        psql.add(psqlFloor(pg, dir, n));
        try (Connection c = pg.connect()) {
          check(c, "psql floor");
        }
      }
      report.cold("`envsweep cleanup --config` as a process, schema target, " + n + " x " + m + ", 4 schemas" + how,
          median(process), "the same drops and deletes by `psql -f` as a process", median(psql));
    }
  }

  /**
   * The launcher's class-data-sharing archives for {@code serve} and {@code cleanup}, recorded by one untimed run
   * of each on a small backlog, as the first run after installing envsweep (or a cron job's first) records them.
   */
  private static void recordArchives(Engine.Postgres pg, Path jar, Path config, Path dir) throws Exception {
    prepare(pg, SuffixTarget.TABLE, 20, 5);
    firstCleanup(jar, config, dir, true);
    prepare(pg, SuffixTarget.SCHEMA, 20, 5, 4);
    cleanupProcess(jar, config, dir, true);
  }

  /** The first CLEANUP of a freshly started server, every row read, in nanoseconds. */
  private static long firstCleanup(Path jar, Path config, Path dir, boolean launcher) throws Exception {
    try (ServerProcess server = new ServerProcess(jar, config, dir, profiling(), launcher)) {
      server.awaitFirstAnswer(new long[1]).close();
      try (Connection c = DriverManager.getConnection(server.url()); var s = c.createStatement()) {
        long start = System.nanoTime();
        try (var rs = s.executeQuery("CLEANUP EXPIRED ENVIRONMENTS")) {
          while (rs.next()) {
            // every row read, as a client does
          }
        }
        return System.nanoTime() - start;
      }
    }
  }

  /** {@code envsweep cleanup --config} as a whole process, JVM start included, in nanoseconds. */
  private static long cleanupProcess(Path jar, Path config, Path dir, boolean launcher) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(ServerProcess.command(jar, List.of(), launcher, "cleanup",
        "--config", config.toString())).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("cleanup.log").toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    long start = System.nanoTime();
    Process p = builder.start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("envsweep cleanup failed: " + Files.readString(dir.resolve("cleanup.log")));
    }
    return System.nanoTime() - start;
  }

  /** The same drops and state deletes as one {@code psql -f} script, as a process, in nanoseconds. */
  private static long psqlFloor(Engine.Postgres pg, Path dir, int n) throws Exception {
    Path script = dir.resolve("floor.sql");
    StringBuilder sql = new StringBuilder("\\set ON_ERROR_STOP on\n");
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < 4; k++) {
        sql.append("DROP SCHEMA IF EXISTS ").append(Fixture.schema(k)).append("__").append(Fixture.env(i))
            .append(" CASCADE;\n");
      }
    }
    sql.append("DELETE FROM sqlmesh._environments WHERE expiration_ts <= ").append(System.currentTimeMillis())
        .append(";\nDELETE FROM sqlmesh._environment_statements WHERE environment_name NOT IN (SELECT name FROM "
            + "sqlmesh._environments);\n");
    Files.writeString(script, sql);
    long start = System.nanoTime();
    Process q = new ProcessBuilder("psql", "-X", "-q", "-h", "127.0.0.1", "-p", String.valueOf(pg.port()), "-U",
        pg.user(), "-d", Engine.CATALOG, "-f", script.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("psql.log").toFile()).start();
    if (q.waitFor() != 0) {
      throw new IllegalStateException("psql failed: " + Files.readString(dir.resolve("psql.log")));
    }
    return System.nanoTime() - start;
  }


  static long median(List<Long> values) {
    List<Long> sorted = new java.util.ArrayList<>(values);
    java.util.Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  /**
   * {@code --dump postgres|duckdb}: what envsweep sends to clean 3 environments of 2 models, in order; then the
   * driver time per kind of statement on a larger run (200 x 5, or {@code --environments N} x 20).
   */
  /** Turns PostgreSQL's own statement log on; returns where in its file this run's statements begin. */
  private static long startStatementLog(Engine.Postgres pg) throws Exception {
    pg.logStatements(true);
    Thread.sleep(500); // the reload reaches every backend at its next command
    return Files.exists(pg.log()) ? Files.size(pg.log()) : 0;
  }

  /**
   * What the server's statement log recorded since {@code from}, envsweep's statements only (not this harness's
   * own ALTER SYSTEM): statements in all and per kind, and per environment.
   */
  private static void printStatementLog(Engine.Postgres pg, long from, int environments) throws Exception {
    Thread.sleep(500);
    pg.logStatements(false);
    Thread.sleep(1000); // the logging collector writes behind
    String text;
    try (var in = Files.newInputStream(pg.log())) {
      in.skipNBytes(from);
      text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("LOG:  (?:statement|execute [^:]*): (\\S+(?: \\S+)?)")
        .matcher(text);
    java.util.Map<String, Integer> kinds = new java.util.TreeMap<>();
    int total = 0;
    while (m.find()) {
      String kind = m.group(1).toUpperCase(java.util.Locale.ROOT);
      if (kind.startsWith("ALTER SYSTEM") || kind.startsWith("SELECT PG_RELOAD_CONF")) {
        continue;
      }
      kinds.merge(kind, 1, Integer::sum);
      total++;
    }
    System.out.printf("-- PostgreSQL's own statement log (log_statement = all): %d statements for %d environments, "
        + "%.2f per environment%n", total, environments, (double) total / environments);
    kinds.forEach((k, v) -> System.out.printf("%8d  %s%n", v, k));
  }

  private static void dump(String engine, Sizes larger) throws Exception {
    int n = larger.environments();
    int m = larger.models();
    try (Engine e = engine.equals("duckdb") ? new Engine.DuckDb() : new Engine.Postgres()) {
      for (SuffixTarget t : List.of(SuffixTarget.SCHEMA, SuffixTarget.TABLE)) {
        prepare(e, t, 3, 2);
        try (Served s = new Served(e.config(true, 1, PAGE_SIZE))) {
          CaptureDriver.clear();
          s.time("CLEANUP EXPIRED ENVIRONMENTS");
          System.out.println("-- " + e.name() + ", " + t.stored() + " target, 3 environments x 2 models");
          for (Sent sent : CaptureDriver.captured()) {
            System.out.println("[" + sent.lane() + "] " + (sent.kind() != CaptureDriver.Kind.STATEMENT
                ? sent.kind() : sent.sql() + (sent.prepared() ? "  -- " + sent.parameterSets() : "")));
          }
        }
        // Where the time goes on a larger run: driver time per kind of statement against the wall time.
        prepare(e, t, n, m, DUMP_SCHEMAS);
        try (Served s = new Served(e.config(true, 1, PAGE_SIZE))) {
          CaptureDriver.clear();
          long logFrom = e instanceof Engine.Postgres pg ? startStatementLog(pg) : -1;
          Served.Timed run = s.time("CLEANUP EXPIRED ENVIRONMENTS");
          if (e instanceof Engine.Postgres pg) {
            printStatementLog(pg, logFrom, n);
          }
          java.util.Map<String, long[]> kinds = new java.util.TreeMap<>();
          long total = 0;
          for (Sent sent : CaptureDriver.timings()) {
            String kind = sent.sql().replaceAll("\\s+", " ").replaceAll("\"[^\"]*\"", "\"x\"");
            kind = kind.substring(0, Math.min(60, kind.length()));
            long[] k = kinds.computeIfAbsent(kind, x -> new long[2]);
            k[0]++;
            k[1] += sent.nanos();
            total += sent.nanos();
          }
          System.out.printf("-- %d x %d: wall %d ms, in the driver %d ms%n", n, m, run.nanos() / 1_000_000,
              total / 1_000_000);
          kinds.forEach((k, v) -> System.out.printf("%6d x %8.1f ms  %s%n", v[0], v[1] / 1e6, k));
          List<Sent> sent = CaptureDriver.captured();
          prepare(e, t, n, m, DUMP_SCHEMAS);
          try (Served again = new Served(e.config(false, 1, 100))) {
            again.time("SELECT 1");
          }
          CaptureDriver.clear();
          Floors.Replayed r = Floors.replay(
              () -> java.sql.DriverManager.getConnection(CaptureDriver.PREFIX + e.url(), e.user(), ""), sent);
          System.out.printf("-- replayed: %d ms (%d errors%s)%n", r.nanos() / 1_000_000, r.errors(),
              r.firstError() == null ? "" : ", first: " + r.firstError());
          print(CaptureDriver.timings());
        }
      }
    }
  }

  /** Schemas per environment in the larger run of {@code --dump}, as in the "floor" workload. */
  private static final int DUMP_SCHEMAS = 4;

  private static void print(List<Sent> timings) {
    java.util.Map<String, long[]> kinds = new java.util.TreeMap<>();
    for (Sent sent : timings) {
      String kind = sent.sql().replaceAll("\\s+", " ").replaceAll("\"[^\"]*\"", "\"x\"");
      kind = kind.substring(0, Math.min(60, kind.length()));
      long[] k = kinds.computeIfAbsent(kind, x -> new long[2]);
      k[0]++;
      k[1] += sent.nanos();
    }
    kinds.forEach((k, v) -> System.out.printf("%6d x %8.1f ms  %s%n", v[0], v[1] / 1e6, k));
  }

  /** Milliseconds each round trip to the simulated remote warehouse waits (see {@link LatencyDriver}). */
  static final int LATENCY_MS = 5;
  /** Runs per figure over latency: the waits dominate them, so they vary little and one run each will do. */
  static final int REMOTE_RUNS = 1;

  static Served.Timed cleanupOnly(Engine e, SuffixTarget target, int n, int m, int parallel) throws Exception {
    return cleanupOnly(e, target, n, m, parallel, "");
  }

  static Served.Timed cleanupOnly(Engine e, SuffixTarget target, int n, int m, int parallel, String urlPrefix)
      throws Exception {
    return cleanupOnly(e, target, n, m, 1, parallel, urlPrefix);
  }

  /** One served CLEANUP of {@code n x m} in {@code schemas} schemas; {@code parallel} 0 is the engine's default. */
  static Served.Timed cleanupOnly(Engine e, SuffixTarget target, int n, int m, int schemas, int parallel,
      String urlPrefix) throws Exception {
    prepare(e, target, n, m, schemas);
    Served.Timed run;
    try (Served s = new Served(e.config(urlPrefix, parallel, 100))) {
      run = s.time("CLEANUP EXPIRED ENVIRONMENTS");
    }
    try (Connection c = e.connect()) {
      check(c, "envsweep");
    }
    return run;
  }

  private static void prepare(Engine e, SuffixTarget target, int n, int m) throws Exception {
    prepare(e, target, n, m, 1);
  }

  private static void prepare(Engine e, SuffixTarget target, int n, int m, int schemas) throws Exception {
    try (Connection c = e.fresh()) {
      new Fixture(c, m, schemas).base().environments(0, n, target, true, Fixture.EXPIRED);
    }
  }

  /** Every run must leave nothing behind, or its time means nothing. */
  private static void check(Connection c, String what) throws Exception {
    long[] left = Fixture.left(c);
    if (left[0] != 0 || left[1] != 0) {
      throw new IllegalStateException(what + " left " + left[0] + " environment rows and " + left[1] + " views");
    }
  }

  private static String machine() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    long memory = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : 0;
    return String.format(Locale.ROOT, "%s, %d cores, %.0f GiB RAM, Java %s, %s", System.getProperty("os.name"),
        os.getAvailableProcessors(), memory / 1024.0 / 1024 / 1024, System.getProperty("java.version"),
        LocalDate.now());
  }

  static List<String> lines(String... s) {
    return new ArrayList<>(List.of(s));
  }
}
