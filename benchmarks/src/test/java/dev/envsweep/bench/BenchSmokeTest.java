package dev.envsweep.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envsweep.core.model.SuffixTarget;
import org.junit.jupiter.api.Test;

/**
 * The harness itself, on a tiny backlog, so that the test command keeps it working without running the
 * benchmarks: each run cleans everything (the harness checks), the capture sees what envsweep sent, and the
 * replay of it succeeds statement for statement.
 */
class BenchSmokeTest {

  @Test
  void cleanupAndBothFloorsOnDuckDbAndPostgres() throws Exception {
    try (Engine.DuckDb duck = new Engine.DuckDb(); Engine.Postgres pg = new Engine.Postgres()) {
      for (Engine e : new Engine[] {duck, pg}) {
        Bench.Cleanup schema = Bench.cleanup(e, SuffixTarget.SCHEMA, 3, 2, 1, 1);
        // Per environment: one DROP SCHEMA row and one ENVIRONMENT row.
        assertThat(schema.rows()).as(e.name()).isEqualTo(6);
        assertThat(schema.statements()).as(e.name()).isGreaterThan(3 * 3);
        assertThat(schema.replayErrors()).as(e.name()).isZero();
        Bench.Cleanup table = Bench.cleanup(e, SuffixTarget.TABLE, 3, 2, 1, 1);
        assertThat(table.rows()).as(e.name()).isEqualTo(3 * 3);
        assertThat(table.replayErrors()).as(e.name()).isZero();
      }
    }
  }

  @Test
  void theLatencyDriverDelaysEachRoundTripAndReturnsTheRealResult() throws Exception {
    LatencyDriver.register();
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(LatencyDriver.url(30, "jdbc:duckdb:"));
        java.sql.Statement s = c.createStatement()) {
      long start = System.nanoTime();
      try (java.sql.ResultSet rs = s.executeQuery("SELECT 41 + 1")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(42);
      }
      assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(30);
    }
  }
}
