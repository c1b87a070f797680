package dev.envsweep.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Eight janitors, four on each of two server processes sharing one PostgreSQL state store, on 1,000 expired
 * environments, while another client invalidates environments and reads sys.environments: each environment is
 * dropped and deleted exactly once, no error, nothing lost, and every read is consistent.
 */
class ConcurrentServersIT {
  static final int EXPIRED = 1_000;
  static final int JANITORS = 8;

  @Test
  void eightJanitorsOnTwoServersCleanEachEnvironmentExactlyOnce() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      try (Connection c = pg.getPostgresDatabase().getConnection()) {
        Sql.exec(c, "CREATE DATABASE wh");
      }
      String url = pg.getJdbcUrl("postgres", "wh");
      try (Connection c = java.sql.DriverManager.getConnection(url, "postgres", "")) {
        fixture(c);
      }
      Path dir = Files.createTempDirectory("envsweep-concurrent-");
      ServerProcess.writeConfig(dir, """
          gateways:
            warehouse:
              url: %s
              user: postgres
          janitor:
            page_size: 50
          """.formatted(url));
      try (ServerProcess a = ServerProcess.serve(dir, "protobuf", "--config", dir.resolve("envsweep.yaml").toString());
          ServerProcess b = ServerProcess.serve(dir, "protobuf", "--config", dir.resolve("envsweep.yaml").toString())) {
        ExecutorService pool = Executors.newFixedThreadPool(JANITORS + 1);
        AtomicBoolean running = new AtomicBoolean(true);
        List<String> readerProblems = Collections.synchronizedList(new ArrayList<>());
        Map<String, Integer> invalidated = new ConcurrentHashMap<>();
        Future<?> reader = pool.submit(() -> {
          try (Connection c = a.connect(); Statement s = c.createStatement()) {
            // INVALIDATE while cleanup runs: each must succeed exactly once.
            for (int i = 0; i < 5; i++) {
              try (ResultSet rs = s.executeQuery("INVALIDATE ENVIRONMENT live" + i)) {
                while (rs.next()) {
                  invalidated.merge(rs.getString(1), 1, Integer::sum);
                }
              }
            }
            int last = Integer.MAX_VALUE;
            while (running.get()) {
              int now;
              try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sys.environments WHERE name LIKE 'e%'")) {
                rs.next();
                now = rs.getInt(1);
              }
              if (now > last) {
                readerProblems.add("expired environments went from " + last + " back up to " + now);
              }
              last = now;
            }
          } catch (Exception e) {
            readerProblems.add(e.toString());
          }
        });
        // Both servers warm, as long-running servers are: the race is between two running servers, and a server
        // still loading its cleanup path would only watch the other sweep the backlog (grouped claims).
        for (ServerProcess server : List.of(a, b)) {
          try (Connection c = server.connect(); var st = c.createStatement();
              ResultSet rs = st.executeQuery("EXPLAIN CLEANUP EXPIRED ENVIRONMENTS")) {
            rs.next();
          }
        }
        long start = System.nanoTime();
        List<Future<List<List<String>>>> janitors = new ArrayList<>();
        for (int j = 0; j < JANITORS; j++) {
          ServerProcess server = j % 2 == 0 ? a : b;
          janitors.add(pool.submit(() -> {
            try (Connection c = server.connect()) {
              return Sql.rows(c, "CLEANUP EXPIRED ENVIRONMENTS");
            }
          }));
        }
        List<List<String>> rows = new ArrayList<>();
        List<Integer> perJanitor = new ArrayList<>();
        for (Future<List<List<String>>> f : janitors) {
          List<List<String>> r = f.get();
          rows.addAll(r);
          perJanitor.add((int) r.stream().filter(x -> x.get(2).equals("ENVIRONMENT")).count());
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        running.set(false);
        reader.get();
        pool.shutdown();

        final Map<String, Long> drops = rows.stream().filter(r -> r.get(2).equals("SCHEMA"))
            .collect(Collectors.groupingBy(r -> r.get(0), Collectors.counting()));
        Map<String, Long> deletes = rows.stream().filter(r -> r.get(2).equals("ENVIRONMENT"))
            .collect(Collectors.groupingBy(r -> r.get(0), Collectors.counting()));
        long failed = rows.stream().filter(r -> !r.get(5).equals("DROPPED") && !r.get(5).equals("DELETED")).count();
        List<String> servers;
        try (Connection c = java.sql.DriverManager.getConnection(url, "postgres", "")) {
          servers = Sql.strings(c, "SELECT DISTINCT server FROM envsweep.cleanup_history WHERE object_kind = 'SCHEMA'");
          assertThat(Sql.strings(c, "SELECT count(*) FROM sqlmesh._environments WHERE name LIKE 'e%'"))
              .containsExactly("0");
          assertThat(Sql.strings(c, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 's\\_\\_e%'"))
              .containsExactly("0");
          assertThat(Sql.strings(c, "SELECT count(*) FROM sqlmesh__s.m_1")).containsExactly("1");
          // Live environments invalidated while the janitors ran are cleaned too, by whichever janitor's "now"
          // came after the invalidation, and only then; the rest are still there.
          List<String> live = Sql.strings(c, "SELECT name FROM sqlmesh._environments WHERE name LIKE 'live%'");
          long liveCleaned = deletes.keySet().stream().filter(n -> n.startsWith("live")).count();
          assertThat(live.size() + liveCleaned).isEqualTo(5);
        }
        System.out.printf("concurrent servers: %d environments, %d janitors on 2 server processes, %d ms, per janitor "
            + "%s, duplicate drops %d, duplicate deletes %d, failures %d, reader problems %s%n", EXPIRED, JANITORS,
            elapsedMs, perJanitor, drops.values().stream().filter(n -> n > 1).count(),
            deletes.values().stream().filter(n -> n > 1).count(), failed, readerProblems);

        assertThat(drops.keySet().stream().filter(n -> n.startsWith("e"))).hasSize(EXPIRED);
        assertThat(drops).allSatisfy((env, n) -> assertThat(n).as(env).isEqualTo(1));
        assertThat(deletes.keySet().stream().filter(n -> n.startsWith("e"))).hasSize(EXPIRED);
        assertThat(deletes).allSatisfy((env, n) -> assertThat(n).as(env).isEqualTo(1));
        assertThat(deletes.keySet()).allSatisfy(n -> assertThat(n.startsWith("e") || invalidated.containsKey(n))
            .as("%s was cleaned without being expired", n).isTrue());
        assertThat(failed).isZero();
        assertThat(servers).as("both server processes did the work").hasSize(2);
        assertThat(readerProblems).isEmpty();
        assertThat(invalidated).hasSize(5).allSatisfy((env, n) -> assertThat(n).isEqualTo(1));
      }
    }
  }

  private static void fixture(Connection c) throws Exception {
    Sql.exec(c, "CREATE SCHEMA sqlmesh__s", "CREATE TABLE sqlmesh__s.m_1 AS SELECT 1 AS id", "CREATE SCHEMA sqlmesh",
        Sql.ENVIRONMENTS_DDL, Sql.ENVIRONMENT_STATEMENTS_DDL);
    StringBuilder ddl = new StringBuilder();
    for (int i = 0; i < EXPIRED; i++) {
      String s = String.format("s__e%04d", i);
      ddl.append("CREATE SCHEMA ").append(s).append("; CREATE VIEW ").append(s).append(".m AS SELECT * FROM ")
          .append("sqlmesh__s.m_1;");
    }
    for (int i = 0; i < 5; i++) {
      ddl.append("CREATE SCHEMA s__live").append(i).append("; CREATE VIEW s__live").append(i)
          .append(".m AS SELECT * FROM sqlmesh__s.m_1;");
    }
    Sql.exec(c, ddl.toString());
    String snapshots = "[" + PostgresEndToEndIT.snapshot("\"wh\".\"s\".\"m\"", "FULL", null) + "]";
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO sqlmesh._environments (name, snapshots, start_at, "
        + "plan_id, expiration_ts, suffix_target, normalize_name, requirements, gateway_managed) VALUES "
        + "(?, ?, 'x', 'p', ?, 'schema', TRUE, '{}', FALSE)")) {
      for (int i = 0; i < EXPIRED; i++) {
        ps.setString(1, String.format("e%04d", i));
        ps.setString(2, snapshots);
        ps.setLong(3, 1_000L);
        ps.addBatch();
      }
      for (int i = 0; i < 5; i++) {
        ps.setString(1, "live" + i);
        ps.setString(2, snapshots);
        ps.setLong(3, 4_000_000_000_000L);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
