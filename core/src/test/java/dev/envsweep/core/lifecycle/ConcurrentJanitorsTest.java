package dev.envsweep.core.lifecycle;

import static dev.envsweep.core.lifecycle.PostgresLifecycleTest.exec;
import static dev.envsweep.core.lifecycle.PostgresLifecycleTest.strings;
import static dev.envsweep.core.testing.SqlMeshState.list;
import static dev.envsweep.core.testing.SqlMeshState.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envsweep.core.Envsweep;
import dev.envsweep.core.config.ConfigLoader;
import dev.envsweep.core.model.ResultRow;
import dev.envsweep.core.testing.Postgres;
import dev.envsweep.core.testing.SqlMeshState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Janitors that share one PostgreSQL state store, each with its own pools (as separate processes would be):
 * every environment is claimed by exactly one of them ({@code FOR UPDATE SKIP LOCKED}), and an environment
 * re-planned meanwhile is never deleted.
 */
class ConcurrentJanitorsTest {
  static final int ENVIRONMENTS = 200;
  static final int JANITORS = 4;
  static final String MODEL = "\"jan\".\"s\".\"m\"";

  String url;
  Connection pg;
  final List<Envsweep> janitors = new ArrayList<>();

  @BeforeEach
  void database() throws SQLException {
    url = Postgres.freshDatabase("jan");
    pg = Postgres.connect(url);
    exec(pg, "CREATE SCHEMA sqlmesh__s", "CREATE TABLE sqlmesh__s.m_1 AS SELECT 1 AS id");
  }

  @AfterEach
  void close() throws SQLException {
    janitors.forEach(Envsweep::close);
    pg.close();
  }

  private Envsweep janitor() throws Exception {
    return janitor("");
  }

  /** A janitor with the default configuration, plus {@code gatewayLines} under its gateway. */
  private Envsweep janitor(String gatewayLines) throws Exception {
    Envsweep e = Envsweep.open(new ConfigLoader().parse("""
        gateways:
          warehouse:
            url: %s
            user: postgres
        %s
        janitor:
          page_size: 25
        """.formatted(url, gatewayLines), "janitor.yaml"));
    janitors.add(e);
    return e;
  }

  private void environment(SqlMeshState state, String name, long expiration) throws SQLException {
    exec(pg, "CREATE SCHEMA s__" + name, "CREATE VIEW s__" + name + ".m AS SELECT * FROM sqlmesh__s.m_1");
    state.environment(name, list(snapshot(MODEL, "FULL", null)), "p1", expiration, "schema", null, false);
  }

  @Test
  void fourJanitorsOnTwoHundredEnvironmentsCleanEachExactlyOnce() throws Exception {
    SqlMeshState state = SqlMeshState.create(pg, "sqlmesh", 101);
    for (int i = 0; i < ENVIRONMENTS; i++) {
      environment(state, String.format("e%03d", i), 1_000L);
    }
    List<Envsweep> all = new ArrayList<>();
    for (int i = 0; i < JANITORS; i++) {
      all.add(janitor());
    }
    ExecutorService pool = Executors.newFixedThreadPool(JANITORS);
    List<Future<List<ResultRow>>> runs = new ArrayList<>();
    long start = System.nanoTime();
    for (Envsweep e : all) {
      Callable<List<ResultRow>> run = () -> PostgresLifecycleTest.all(e.lifecycle().cleanup(false));
      runs.add(pool.submit(run));
    }
    List<ResultRow> rows = new ArrayList<>();
    List<Integer> perJanitor = new ArrayList<>();
    for (Future<List<ResultRow>> f : runs) {
      List<ResultRow> r = f.get();
      rows.addAll(r);
      perJanitor.add((int) r.stream().filter(x -> x.objectKind().equals("ENVIRONMENT")).count());
    }
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    pool.shutdown();

    Map<String, Long> drops = rows.stream().filter(r -> r.objectKind().equals("SCHEMA"))
        .collect(Collectors.groupingBy(ResultRow::environment, Collectors.counting()));
    Map<String, Long> deletes = rows.stream().filter(r -> r.objectKind().equals("ENVIRONMENT"))
        .collect(Collectors.groupingBy(ResultRow::environment, Collectors.counting()));
    System.out.printf("concurrent janitors: %d environments, %d janitors, %d ms, per janitor %s, "
        + "duplicate drops %d, duplicate deletes %d%n", ENVIRONMENTS, JANITORS, elapsedMs, perJanitor,
        drops.values().stream().filter(n -> n > 1).count(), deletes.values().stream().filter(n -> n > 1).count());

    assertThat(drops).hasSize(ENVIRONMENTS).allSatisfy((env, n) -> assertThat(n).as(env).isEqualTo(1));
    assertThat(deletes).hasSize(ENVIRONMENTS).allSatisfy((env, n) -> assertThat(n).as(env).isEqualTo(1));
    assertThat(rows).extracting(r -> r.status().name()).containsOnly("DROPPED", "DELETED");
    assertThat(strings(pg, "SELECT count(*) FROM sqlmesh._environments")).containsExactly("0");
    assertThat(strings(pg, "SELECT count(*) FROM sqlmesh._environment_statements")).containsExactly("0");
    assertThat(strings(pg, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 's\\_\\_e%'")).containsExactly("0");
    assertThat(strings(pg, "SELECT count(*) FROM envsweep.cleanup_history")).containsExactly(
        String.valueOf(2 * ENVIRONMENTS));
  }

  @Test
  void anEnvironmentReplannedWhileCleanupRunsIsNotDeleted() throws Exception {
    SqlMeshState state = SqlMeshState.create(pg, "sqlmesh", 101);
    environment(state, "a", 1_000L);
    environment(state, "b", 1_000L);
    // One environment at a time, and claimed one at a time until one has been measured: b is claimed only once
    // a's drops are done, so the re-plan below lands before b's claim.
    Envsweep janitor = janitor("    max_parallel_drops: 1");

    // Hold a lock that a's DROP SCHEMA ... CASCADE must wait for.
    try (Connection blocker = Postgres.connect(url)) {
      blocker.setAutoCommit(false);
      exec(blocker, "LOCK TABLE s__a.m IN ACCESS SHARE MODE");
      ExecutorService pool = Executors.newSingleThreadExecutor();
      Future<List<ResultRow>> run = pool.submit(() -> PostgresLifecycleTest.all(janitor.lifecycle().cleanup(false)));
      waitForBlockedDrop();

      // Meanwhile SQLMesh re-plans b: its upsert is DELETE + INSERT, with a new plan id and a later expiry.
      replan("b", MODEL, 4_000_000_000_000L);
      blocker.rollback();

      List<ResultRow> rows = run.get();
      pool.shutdown();
      assertThat(rows).extracting(ResultRow::environment).containsOnly("a");
    }
    assertThat(strings(pg, "SELECT name || ':' || plan_id FROM sqlmesh._environments")).containsExactly("b:p2");
    assertThat(strings(pg, "SELECT nspname FROM pg_namespace WHERE nspname LIKE 's\\_\\_%' ORDER BY 1"))
        .containsExactly("s__b");
  }

  @Test
  void aReplanOfAnEnvironmentAlreadyClaimedWaitsForTheBatchAndItsNewRowSurvives() throws Exception {
    SqlMeshState state = SqlMeshState.create(pg, "sqlmesh", 101);
    environment(state, "a", 1_000L);
    environment(state, "b", 1_000L);
    // The default: several environments at once, so a and b are claimed together.
    Envsweep janitor = janitor();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (Connection blocker = Postgres.connect(url); Connection sqlmesh = Postgres.connect(url)) {
      blocker.setAutoCommit(false);
      exec(blocker, "LOCK TABLE s__a.m IN ACCESS SHARE MODE");
      Future<List<ResultRow>> run = pool.submit(() -> PostgresLifecycleTest.all(janitor.lifecycle().cleanup(false)));
      waitForBlockedDrop();

      // SQLMesh re-plans b from another process: its DELETE waits for the row lock the batch holds on b.
      Future<?> replanned = pool.submit(() -> {
        replan(sqlmesh, "b", MODEL, 4_000_000_000_000L);
        return null;
      });
      for (int i = 0; strings(pg, "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE "
          + "'DELETE FROM sqlmesh._environments%'").isEmpty(); i++) {
        assertThat(i).as("the re-plan waits on the batch's row lock").isLessThan(200);
        java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
      }
      assertThat(replanned).isNotDone();
      blocker.rollback();

      assertThat(run.get(30, java.util.concurrent.TimeUnit.SECONDS)).extracting(ResultRow::environment)
          .containsOnly("a", "b");
      replanned.get(30, java.util.concurrent.TimeUnit.SECONDS);
    } finally {
      pool.shutdown();
    }
    // b's old version was cleaned as claimed; the version SQLMesh wrote after it is left alone.
    assertThat(strings(pg, "SELECT name || ':' || plan_id FROM sqlmesh._environments")).containsExactly("b:p2");
  }

  @Test
  void anEnvironmentReplannedAfterItsPageWasReadIsCleanedAsItIsNow() throws Exception {
    SqlMeshState state = SqlMeshState.create(pg, "sqlmesh", 101);
    environment(state, "a", 1_000L);
    environment(state, "b", 1_000L);
    Envsweep janitor = janitor();
    CleanupBatches cleanup = janitor.lifecycle().cleanupBatches();
    long now = janitor.state().now();
    CleanupPage page = janitor.lifecycle().pagePlanner().prepare(janitor.state().expiredRecords(now, "", 10),
        dev.envsweep.dialects.DropMode.GUARDED);

    // After the page was read and planned, SQLMesh re-plans b onto another model (new plan id, still expired).
    exec(pg, "CREATE SCHEMA t__b", "CREATE VIEW t__b.m AS SELECT * FROM sqlmesh__s.m_1");
    replan("b", "\"jan\".\"t\".\"m\"", 1_000L);
    List<ResultRow> rows = new ArrayList<>();
    cleanup.cleanAll(List.of("a", "b"), now, new Run("test"), false, dev.envsweep.dialects.DropMode.GUARDED, page,
        (name, r) -> rows.addAll(r));

    // b is cleaned as its row is now: t__b dropped; s__b, no longer b's, is left alone.
    assertThat(rows).extracting(ResultRow::environment, ResultRow::objectKind, ResultRow::objectName,
        r -> r.status().name()).containsExactly(
        org.assertj.core.groups.Tuple.tuple("a", "SCHEMA", "\"s__a\"", "DROPPED"),
        org.assertj.core.groups.Tuple.tuple("a", "ENVIRONMENT", "a", "DELETED"),
        org.assertj.core.groups.Tuple.tuple("b", "SCHEMA", "\"t__b\"", "DROPPED"),
        org.assertj.core.groups.Tuple.tuple("b", "ENVIRONMENT", "b", "DELETED"));
    assertThat(strings(pg, "SELECT count(*) FROM sqlmesh._environments")).containsExactly("0");
    assertThat(strings(pg, "SELECT nspname FROM pg_namespace WHERE nspname LIKE '%\\_\\_%' ORDER BY 1"))
        .containsExactly("s__b", "sqlmesh__s");
  }

  /** SQLMesh re-planning an environment: its upsert is DELETE + INSERT, with plan id p2. */
  private void replan(String name, String model, long expiration) throws SQLException {
    replan(pg, name, model, expiration);
  }

  private static void replan(Connection pg, String name, String model, long expiration) throws SQLException {
    try (PreparedStatement ps = pg.prepareStatement("DELETE FROM sqlmesh._environments WHERE name = ?")) {
      ps.setString(1, name);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = pg.prepareStatement("INSERT INTO sqlmesh._environments (name, snapshots, "
        + "start_at, plan_id, expiration_ts, suffix_target, normalize_name, requirements, gateway_managed) "
        + "VALUES (?, ?, '2024-01-01', 'p2', ?, 'schema', TRUE, '{}', FALSE)")) {
      ps.setString(1, name);
      ps.setString(2, list(snapshot(model, "FULL", null)));
      ps.setLong(3, expiration);
      ps.executeUpdate();
    }
  }

  private void waitForBlockedDrop() throws Exception {
    for (int i = 0; i < 200; i++) {
      if (!strings(pg, "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
          + "AND query LIKE 'DROP SCHEMA%'").isEmpty()) {
        return;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(50_000_000); // polling PostgreSQL, 10 s at most
    }
    throw new AssertionError("the janitor's DROP SCHEMA never waited on the test's lock");
  }
}
