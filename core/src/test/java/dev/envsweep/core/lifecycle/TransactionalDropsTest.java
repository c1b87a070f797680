package dev.envsweep.core.lifecycle;

import static dev.envsweep.core.lifecycle.PostgresLifecycleTest.exec;
import static dev.envsweep.core.lifecycle.PostgresLifecycleTest.strings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envsweep.core.Envsweep;
import dev.envsweep.core.config.ConfigLoader;
import dev.envsweep.core.execute.GatewayOutcome;
import dev.envsweep.core.execute.Gateway;
import dev.envsweep.core.plan.GatewayPlan;
import dev.envsweep.core.model.ResultRow;
import dev.envsweep.core.testing.Postgres;
import dev.envsweep.dialects.DropMode;
import dev.envsweep.dialects.DropObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An environment's views go in one transaction on PostgreSQL (one commit instead of one per view), and a
 * failure inside it changes nothing about what each statement reports: everything is rolled back and sent again
 * one by one, except a statement that timed out, which is not waited for twice.
 */
class TransactionalDropsTest {
  String url;
  Connection pg;
  Envsweep envsweep;

  @BeforeEach
  void database() throws Exception {
    url = Postgres.freshDatabase("txdrops");
    pg = Postgres.connect(url);
    exec(pg, "CREATE SCHEMA sqlmesh__s", "CREATE TABLE sqlmesh__s.m_1 AS SELECT 1 AS id", "CREATE SCHEMA s");
    for (String v : List.of("a__dev", "b__dev", "c__dev")) {
      exec(pg, "CREATE VIEW s." + v + " AS SELECT * FROM sqlmesh__s.m_1");
    }
    envsweep = Envsweep.open(new ConfigLoader().parse("""
        state_store:
          create: true
        gateways:
          warehouse:
            url: %s
            user: postgres
        """.formatted(url), "tx.yaml"));
  }

  @AfterEach
  void close() throws SQLException {
    envsweep.close();
    pg.close();
  }

  private static GatewayPlan views(String... names) {
    return new GatewayPlan("warehouse", java.util.Arrays.stream(names)
        .map(n -> DropObject.view("txdrops", "s", n)).toList(), Set.of());
  }

  private List<String> views() throws SQLException {
    return strings(pg, "SELECT table_name FROM information_schema.views WHERE table_schema = 's' ORDER BY 1");
  }

  @Test
  void theViewsOfAnEnvironmentVanishTogether() throws Exception {
    Gateway gateway = envsweep.gateways().defaultGateway();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Future<GatewayOutcome> run;
    try (Connection blocker = Postgres.connect(url)) {
      blocker.setAutoCommit(false);
      exec(blocker, "LOCK TABLE s.c__dev IN ACCESS SHARE MODE");
      run = pool.submit(() -> new GatewayDrops().drop("dev", views("a__dev", "b__dev", "c__dev"), gateway,
          DropMode.GUARDED));
      awaitWaitingDrop();
      // a__dev and b__dev are dropped in a transaction not yet committed: everyone else still sees them.
      assertThat(views()).containsExactly("a__dev", "b__dev", "c__dev");
      blocker.rollback();
    }
    List<ResultRow> rows = run.get(60, TimeUnit.SECONDS).rows();
    pool.shutdown();

    assertThat(rows).extracting(r -> r.status().name() + " " + r.sql()).containsExactly(
        "DROPPED DROP VIEW IF EXISTS \"s\".\"a__dev\"",
        "DROPPED DROP VIEW IF EXISTS \"s\".\"b__dev\"",
        "DROPPED DROP VIEW IF EXISTS \"s\".\"c__dev\"");
    assertThat(views()).isEmpty();
  }

  @Test
  void aFailedStatementRollsBackAndEveryStatementIsSentAgainOnItsOwn() throws Exception {
    // b__dev's name is held by a table: DROP VIEW fails on it, and only on it.
    exec(pg, "DROP VIEW s.b__dev", "CREATE TABLE s.b__dev (x INT)");

    List<ResultRow> rows = new GatewayDrops().drop("dev", views("a__dev", "b__dev", "c__dev"),
        envsweep.gateways().defaultGateway(), DropMode.FORCE).rows();

    assertThat(rows).extracting(r -> r.status().name() + " " + r.objectName()).containsExactly(
        "DROPPED \"s\".\"a__dev\"", "FAILED \"s\".\"b__dev\"",
        "DROPPED \"s\".\"c__dev\"");
    assertThat(rows.get(1).message()).contains("\"b__dev\" is not a view");
    assertThat(views()).isEmpty();
    assertThat(strings(pg, "SELECT tablename FROM pg_tables WHERE schemaname = 's'")).containsExactly("b__dev");
  }

  @Test
  void aStatementThatTimedOutIsNotSentAgain() throws Exception {
    Gateway gateway = envsweep.gateways().defaultGateway();
    List<ResultRow> rows;
    long started;
    try (Connection blocker = Postgres.connect(url)) {
      blocker.setAutoCommit(false);
      exec(blocker, "LOCK TABLE s.b__dev IN ACCESS SHARE MODE");
      started = System.nanoTime();
      rows = new GatewayDrops(1).drop("dev", views("a__dev", "b__dev", "c__dev"), gateway, DropMode.FORCE)
          .rows();
      blocker.rollback();
    }
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    assertThat(rows).extracting(r -> r.status().name() + " " + r.objectName()).containsExactly(
        "DROPPED \"s\".\"a__dev\"", "FAILED \"s\".\"b__dev\"",
        "DROPPED \"s\".\"c__dev\"");
    assertThat(rows.get(1).message()).startsWith("timed out after 1 s (janitor.statement_timeout)");
    assertThat(views()).containsExactly("b__dev");
    // Waited for once (about 1 s), not once in the transaction and again on its own (2 s or more).
    assertThat(tookMs).isLessThan(1_900);
  }

  /** Polls PostgreSQL (10 s at most) until a DROP waits on the test's lock. */
  private void awaitWaitingDrop() throws SQLException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!strings(pg, "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'DROP %'")
          .isEmpty()) {
        return;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
    throw new AssertionError("no DROP waited on the lock");
  }
}
