package dev.envsweep.core.lifecycle;

import static dev.envsweep.core.lifecycle.PostgresLifecycleTest.exec;
import static dev.envsweep.core.lifecycle.PostgresLifecycleTest.strings;
import static dev.envsweep.core.testing.SqlMeshState.list;
import static dev.envsweep.core.testing.SqlMeshState.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envsweep.core.Envsweep;
import dev.envsweep.core.config.ConfigLoader;
import dev.envsweep.core.state.JanitorLease;
import dev.envsweep.core.testing.Postgres;
import dev.envsweep.core.testing.SqlMeshState;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The background janitor on a real PostgreSQL state store shared by two "servers" (separate pools): one lease
 * at a time, its rounds recorded as janitor runs, and a paused round holding nothing a client waits for.
 */
class JanitorTest {
  static final String MODEL = "\"janitor\".\"s\".\"m\"";

  String url;
  Connection pg;
  SqlMeshState state;
  final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void database() throws SQLException {
    url = Postgres.freshDatabase("janitor");
    pg = Postgres.connect(url);
    exec(pg, "CREATE SCHEMA sqlmesh__s", "CREATE TABLE sqlmesh__s.m_1 AS SELECT 1 AS id");
    state = SqlMeshState.create(pg, "sqlmesh", 101);
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    pg.close();
  }

  private Envsweep server() throws Exception {
    Envsweep e = Envsweep.open(new ConfigLoader().parse("""
        gateways:
          warehouse:
            url: %s
            user: postgres
        janitor:
          page_size: 3
        """.formatted(url), "janitor.yaml"));
    open.add(e);
    return e;
  }

  private Janitor janitor(Envsweep e) throws SQLException {
    Janitor j = Janitor.create(e.lifecycle(), e.state(), e.server());
    open.add(0, j);
    return j;
  }

  private void environment(String name, long expiration) throws SQLException {
    exec(pg, "CREATE SCHEMA s__" + name, "CREATE VIEW s__" + name + ".m AS SELECT * FROM sqlmesh__s.m_1");
    state.environment(name, list(snapshot(MODEL, "FULL", null)), "p1", expiration, "schema", null, false);
  }

  @Test
  void oneLeaseAtATimeAcrossServersAndAnExpiredLeaseIsFree() throws Exception {
    JanitorLease a = JanitorLease.open(server().state());
    JanitorLease b = JanitorLease.open(server().state());
    assertThat(a.tryAcquire("a", 60_000)).isTrue();
    assertThat(b.tryAcquire("b", 60_000)).isFalse();
    assertThat(b.holder()).isEqualTo("a");
    assertThat(a.tryAcquire("a", 60_000)).as("renewal").isTrue();
    a.release("a");
    assertThat(b.holder()).isNull();
    assertThat(b.tryAcquire("b", 1)).isTrue();
    Thread.sleep(50);
    assertThat(a.tryAcquire("a", 60_000)).as("b's lease ran out").isTrue();
    b.release("b");
    assertThat(a.holder()).as("releasing a lease one no longer holds changes nothing").isEqualTo("a");
  }

  @Test
  void aRoundCleansEveryExpiredEnvironmentAndIsRecordedAsAJanitorRun() throws Exception {
    environment("pr_1", 1_000L);
    environment("pr_2", 1_000L);
    environment("live", 4_000_000_000_000L);
    Envsweep e = server();
    Janitor.Round round = janitor(e).runRound().orElseThrow();
    assertThat(round.expired()).isEqualTo(2);
    assertThat(round.environments()).isEqualTo(2);
    assertThat(round.dropped()).isEqualTo(2);
    assertThat(round.failed()).isZero();
    assertThat(strings(pg, "SELECT name FROM sqlmesh._environments ORDER BY name")).containsExactly("live");
    assertThat(strings(pg, "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 's\\_\\_%' "
        + "ORDER BY 1")).containsExactly("s__live");
    assertThat(strings(pg, "SELECT DISTINCT server FROM envsweep.cleanup_history WHERE run_id = '"
        + round.runId() + "'")).containsExactly(Lifecycle.JANITOR_PREFIX + e.server());
    assertThat(strings(pg, "SELECT holder FROM envsweep.janitor_lease")).as("released after the round")
        .containsExactly((String) null);
  }

  @Test
  void aPausedRoundBlocksNeitherClientsNorIsJoinedByASecondJanitor() throws Exception {
    for (int i = 0; i < 6; i++) {
      environment("e" + i, 1_000L);
    }
    environment("live", 4_000_000_000_000L);
    Envsweep first = server();
    Envsweep second = server();
    CountDownLatch paused = new CountDownLatch(1);
    CountDownLatch resume = new CountDownLatch(1);
    Janitor pausing = janitor(first).observe((name, rows) -> {
      if (paused.getCount() > 0) {
        paused.countDown();
        try {
          resume.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
        }
      }
    });
    CompletableFuture<Optional<Janitor.Round>> running = CompletableFuture.supplyAsync(() -> {
      try {
        return pausing.runRound();
      } catch (SQLException ex) {
        throw new RuntimeException(ex);
      }
    });
    assertThat(paused.await(60, TimeUnit.SECONDS)).isTrue();

    // Mid-round, the other server's janitor stays out, and its clients' statements all go through.
    assertThat(janitor(second).runRound()).isEmpty();
    Lifecycle client = second.lifecycle();
    drain(client.invalidate("live", false, false));
    drain(client.cleanup(false));
    assertThat(strings(pg, "SELECT name FROM sqlmesh._environments")).isEmpty();

    resume.countDown();
    Janitor.Round round = running.get(60, TimeUnit.SECONDS).orElseThrow();
    // The janitor did its first batch (a page of 3, committed before it paused), the client's CLEANUP the rest:
    // each exactly once.
    assertThat(round.environments()).isEqualTo(3);
    assertThat(strings(pg, "SELECT environment FROM envsweep.cleanup_history WHERE status = 'DELETED' "
        + "GROUP BY environment HAVING COUNT(*) > 1")).isEmpty();
    assertThat(strings(pg, "SELECT COUNT(*) FROM envsweep.cleanup_history WHERE status = 'DELETED'"))
        .containsExactly("7");
  }

  private static void drain(ResultPages pages) throws SQLException {
    while (!pages.next().isEmpty()) {
      // reading the rows is what a client does
    }
  }
}
