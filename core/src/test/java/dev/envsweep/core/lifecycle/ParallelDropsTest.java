package dev.envsweep.core.lifecycle;

import static dev.envsweep.core.lifecycle.PostgresLifecycleTest.all;
import static dev.envsweep.core.lifecycle.PostgresLifecycleTest.exec;
import static dev.envsweep.core.lifecycle.PostgresLifecycleTest.strings;
import static dev.envsweep.core.testing.SqlMeshState.list;
import static dev.envsweep.core.testing.SqlMeshState.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.envsweep.core.Envsweep;
import dev.envsweep.core.config.ConfigLoader;
import dev.envsweep.core.execute.GatewayOutcome;
import dev.envsweep.core.execute.Gateway;
import dev.envsweep.core.plan.GatewayPlan;
import dev.envsweep.dialects.DropMode;
import dev.envsweep.dialects.DropObject;
import dev.envsweep.core.model.ResultRow;
import dev.envsweep.core.testing.Postgres;
import dev.envsweep.core.testing.SqlMeshState;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code max_parallel_drops} on a real PostgreSQL: several environments are dropped at once, never more
 * statements at a time than the gateway allows, and each environment's statements are still the plan's, in the
 * plan's order.
 */
class ParallelDropsTest {
  static final int ENVIRONMENTS = 12;
  static final int MAX_PARALLEL_DROPS = 3;
  static final String MODEL = "\"par\".\"s\".\"m\"";

  String url;
  Connection pg;
  Envsweep envsweep;

  @BeforeEach
  void database() throws Exception {
    url = Postgres.freshDatabase("par");
    pg = Postgres.connect(url);
    exec(pg, "CREATE SCHEMA sqlmesh__s", "CREATE TABLE sqlmesh__s.m_1 AS SELECT 1 AS id",
        "CREATE TABLE sqlmesh__s.n_1 AS SELECT 1 AS id");
    SqlMeshState state = SqlMeshState.create(pg, "sqlmesh", 101);
    for (int i = 0; i < ENVIRONMENTS; i++) {
      String name = String.format("e%02d", i);
      // schema target: each environment has its own schema s__<env> with a view per model
      exec(pg, "CREATE SCHEMA s__" + name, "CREATE VIEW s__" + name + ".m AS SELECT * FROM sqlmesh__s.m_1",
          "CREATE VIEW s__" + name + ".n AS SELECT * FROM sqlmesh__s.n_1");
      state.environment(name, list(snapshot(MODEL, "FULL", null), snapshot("\"par\".\"s\".\"n\"", "FULL", null)),
          "p1", 1_000L, "schema", null, false);
    }
    envsweep = Envsweep.open(new ConfigLoader().parse("""
        gateways:
          warehouse:
            url: %s
            user: postgres
            max_parallel_drops: %d
        """.formatted(url, MAX_PARALLEL_DROPS), "parallel.yaml"));
  }

  @AfterEach
  void close() throws SQLException {
    envsweep.close();
    pg.close();
  }

  @Test
  void dropsRunAtMostMaxParallelDropsAtOnceEachEnvironmentInItsPlannedOrder() throws Exception {
    Map<String, List<String>> planned = bySql(all(envsweep.lifecycle().explainCleanup()));

    ExecutorService pool = Executors.newSingleThreadExecutor();
    Future<List<ResultRow>> run;
    try (Connection blocker = Postgres.connect(url)) {
      // Every environment's DROP SCHEMA ... CASCADE must wait for this lock: the drops pile up at the cap.
      blocker.setAutoCommit(false);
      for (int i = 0; i < ENVIRONMENTS; i++) {
        exec(blocker, String.format("LOCK TABLE s__e%02d.m IN ACCESS SHARE MODE", i));
      }
      run = pool.submit(() -> all(envsweep.lifecycle().cleanup(false)));
      assertThat(waitForWaitingDrops(MAX_PARALLEL_DROPS)).isEqualTo(MAX_PARALLEL_DROPS);
      // Give a cap that did not hold time to show it.
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
      assertThat(waitingDrops()).isEqualTo(MAX_PARALLEL_DROPS);
      blocker.rollback();
    }
    List<ResultRow> rows = run.get(60, TimeUnit.SECONDS);
    pool.shutdown();

    assertThat(bySql(rows)).isEqualTo(planned);
    assertThat(rows).extracting(r -> r.status().name()).containsOnly("DROPPED", "DELETED");
    assertThat(rows.stream().filter(r -> r.status().name().equals("DELETED")).count()).isEqualTo(ENVIRONMENTS);
    assertThat(strings(pg, "SELECT count(*) FROM sqlmesh._environments")).containsExactly("0");
    assertThat(strings(pg, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 's\\_\\_e%'")).containsExactly("0");
    // Physical tables are never touched.
    assertThat(strings(pg, "SELECT count(*) FROM pg_tables WHERE schemaname = 'sqlmesh__s'")).containsExactly("2");
    // History keeps each environment's rows together and in order, whatever order they finished in.
    List<String> history = strings(pg, "SELECT environment FROM envsweep.cleanup_history ORDER BY seq");
    assertThat(history).hasSize(rows.size());
    assertThat(history.stream().distinct().count()).isEqualTo(ENVIRONMENTS);
    assertThat(history).isSortedAccordingTo(String::compareTo);
  }

  @Test
  void aGatewayTakesNoMoreStatementsAtOnceThanItsSlotsWhateverTheNumberOfCallers() throws Exception {
    Gateway gateway = envsweep.gateways().defaultGateway();
    GatewayDrops executor = new GatewayDrops();
    int callers = MAX_PARALLEL_DROPS + 3;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    List<Future<GatewayOutcome>> outcomes = new java.util.ArrayList<>();
    try (Connection blocker = Postgres.connect(url)) {
      blocker.setAutoCommit(false);
      for (int i = 0; i < callers; i++) {
        exec(blocker, String.format("LOCK TABLE s__e%02d.m IN ACCESS SHARE MODE", i));
      }
      for (int i = 0; i < callers; i++) {
        String schema = String.format("s__e%02d", i);
        GatewayPlan plan = new GatewayPlan("warehouse", List.of(DropObject.schema("par", schema)),
            java.util.Set.of());
        outcomes.add(pool.submit(() -> executor.drop(schema, plan, gateway, DropMode.FORCE)));
      }
      assertThat(waitForWaitingDrops(MAX_PARALLEL_DROPS)).isEqualTo(MAX_PARALLEL_DROPS);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
      assertThat(waitingDrops()).isEqualTo(MAX_PARALLEL_DROPS);
      blocker.rollback();
    }
    for (Future<GatewayOutcome> f : outcomes) {
      assertThat(f.get(60, TimeUnit.SECONDS).rows()).extracting(r -> r.status().name()).containsExactly("DROPPED");
    }
    pool.shutdown();
    assertThat(strings(pg, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 's\\_\\_e%'"))
        .containsExactly(String.valueOf(ENVIRONMENTS - callers));
  }

  /** Per environment, the statements (with their kind), in order. */
  private static Map<String, List<String>> bySql(List<ResultRow> rows) {
    return rows.stream().collect(Collectors.groupingBy(ResultRow::environment, java.util.TreeMap::new,
        Collectors.mapping(r -> r.objectKind() + " " + r.sql(), Collectors.toList())));
  }

  private int waitingDrops() throws SQLException {
    return Integer.parseInt(strings(pg, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
        + "AND query LIKE 'DROP %'").get(0));
  }

  /** Polls PostgreSQL (10 s at most) until {@code expected} drops wait on the test's locks; the last count seen. */
  private int waitForWaitingDrops(int expected) throws SQLException {
    int seen = 0;
    for (int i = 0; i < 200 && seen < expected; i++) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
      seen = waitingDrops();
    }
    return seen;
  }
}
