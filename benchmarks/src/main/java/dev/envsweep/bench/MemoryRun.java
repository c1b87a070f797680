package dev.envsweep.bench;

import dev.envsweep.core.model.SuffixTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A large backlog under a small heap: N expired environments of two models each whose objects are already
 * gone, so the run measures state paging and result streaming rather than DDL, cleaned by a server process
 * started with {@code -Xmx256m} while the client reads every row. The heap figures come from the server's own
 * GC log.
 */
final class MemoryRun {
  private MemoryRun() {}

  record Result(int environments, long rows, long nanos, boolean completed, long maxAfterGcMb, long maxBeforeGcMb,
      String error) {}

  private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  static Result run(Engine.Postgres pg, Path jar, int environments) throws Exception {
    try (Connection c = pg.fresh()) {
      new Fixture(c, 2).base().environments(0, environments, SuffixTarget.SCHEMA, false, Fixture.EXPIRED);
    }
    Path dir = Files.createTempDirectory("envsweep-bench-memory-");
    Path config = dir.resolve("envsweep.yaml");
    Files.writeString(config, pg.config(false, 1, 100));
    Path gcLog = dir.resolve("gc.log");
    long rows = 0;
    long nanos;
    String error = null;
    try (ServerProcess server = new ServerProcess(jar, config, dir, List.of("-Xmx256m",
        "-Xlog:gc:file=" + gcLog))) {
      long[] ignored = new long[1];
      try (Connection client = server.awaitFirstAnswer(ignored); Statement s = client.createStatement()) {
        long start = System.nanoTime();
        try (ResultSet rs = s.executeQuery("CLEANUP EXPIRED ENVIRONMENTS")) {
          while (rs.next()) {
            rows++;
          }
        } catch (Exception e) {
          error = e.getMessage();
        }
        nanos = System.nanoTime() - start;
      }
    }
    long left;
    try (Connection c = pg.connect()) {
      left = Fixture.left(c)[0];
    }
    long after = 0;
    long before = 0;
    for (String line : Files.readAllLines(gcLog)) {
      Matcher m = GC.matcher(line);
      if (m.find()) {
        before = Math.max(before, Long.parseLong(m.group(1)));
        after = Math.max(after, Long.parseLong(m.group(2)));
      }
    }
    return new Result(environments, rows, nanos, error == null && left == 0, after, before,
        error != null ? error : left != 0 ? left + " environments left" : null);
  }
}
