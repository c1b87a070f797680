package dev.envsweep.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envsweep.core.sql.Prefilter.Route;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrefilterTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "INVALIDATE ENVIRONMENT dev|LIFECYCLE",
      "  -- a comment\\n  invalidate environment dev|LIFECYCLE",
      "/* hi */ Cleanup Expired Environments|LIFECYCLE",
      "EXPLAIN CLEANUP EXPIRED ENVIRONMENTS|LIFECYCLE",
      "EXPLAIN SELECT 1|FORWARD",
      "CALL sys.invalidate_environment('dev')|LIFECYCLE",
      "CALL \"sys\".cleanup_expired_environments()|LIFECYCLE",
      "CALL other.proc()|FORWARD",
      "SELECT * FROM sys.environments|SYSTEM_QUERY",
      "select e.name from \"sys\".\"environments\" e join sys.cleanup_history h on true|SYSTEM_QUERY",
      "WITH x AS (SELECT * FROM sys.cleanup_history) SELECT * FROM x|SYSTEM_QUERY",
      "SELECT 'sys.environments'|FORWARD",
      "SELECT cleanup FROM t|FORWARD",
      "SELECT * FROM sys.other|FORWARD",
      "CREATE TABLE cleanup(x INT)|FORWARD",
      "PRAGMA database_list|FORWARD",
      "ATTACH 'x.db' AS x|FORWARD",
      "''|FORWARD",
      "INVALIDATEE ENVIRONMENT dev|LIFECYCLE",
      "CLAENUP EXPIRED ENVIRONMENTS|LIFECYCLE",
      "CHECKPOINT|FORWARD",
      "CREATE VIEW v AS SELECT 1|FORWARD",
      "INSTALL httpfs|FORWARD",
  })
  void routes(String sql, Route expected) {
    assertThat(Prefilter.route(sql == null ? "" : sql.replace("\\n", "\n"))).isEqualTo(expected);
  }
}
