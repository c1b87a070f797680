package dev.envsweep.core.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envsweep.dialects.DuckDbDialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DuckDB connections are opened and closed per unit of work, from several threads at once (a client's
 * statement, the background janitor, parallel drops): none may fail because another thread's close was still
 * shutting the file's last instance down.
 */
class DuckDbOpenCloseTest {
  @TempDir Path dir;

  @Test
  void threadsOpeningAndClosingTheSameFileAllGetTheirConnections() throws Exception {
    DataSource ds = ConnectionPools.create("t", "jdbc:duckdb:" + dir.resolve("w.duckdb"), null, null, Map.of(),
        new DuckDbDialect(), 2);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Integer>> runs = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      runs.add(pool.submit(() -> {
        int answered = 0;
        for (int i = 0; i < 150; i++) {
          try (Connection c = ds.getConnection(); Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            answered += rs.getInt(1);
          }
        }
        return answered;
      }));
    }
    for (Future<Integer> run : runs) {
      assertThat(run.get(60, TimeUnit.SECONDS)).isEqualTo(150);
    }
    pool.shutdown();
  }
}
