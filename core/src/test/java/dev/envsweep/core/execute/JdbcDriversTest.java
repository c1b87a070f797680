package dev.envsweep.core.execute;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each URL finds the driver that takes it, whichever is tried first. */
class JdbcDriversTest {
  @Test
  void eachUrlFindsItsOwnDriver() {
    assertThat(JdbcDrivers.forUrl("jdbc:duckdb:/tmp/x.duckdb")).isInstanceOf(org.duckdb.DuckDBDriver.class);
    assertThat(JdbcDrivers.forUrl("jdbc:postgresql://127.0.0.1/db")).isInstanceOf(org.postgresql.Driver.class);
    assertThat(JdbcDrivers.forUrl("jdbc:envsweep:"))
        .isInstanceOf(dev.envsweep.core.meta.EnvsweepDriver.class);
    // No driver's class is named like "avatica" here but Avatica's: found in the second pass all the same.
    assertThat(JdbcDrivers.forUrl("jdbc:avatica:remote:url=http://127.0.0.1:8765").getClass().getName())
        .isEqualTo("org.apache.calcite.avatica.remote.Driver");
    assertThat(JdbcDrivers.forUrl("jdbc:nosuchengine://h/db")).isNull();
  }

  @Test
  void theSubprotocolIsTheWordAfterJdbc() {
    assertThat(JdbcDrivers.subprotocol("jdbc:DuckDB:/x")).isEqualTo("duckdb");
    assertThat(JdbcDrivers.subprotocol("jdbc:postgresql://h/db")).isEqualTo("postgresql");
    assertThat(JdbcDrivers.subprotocol("postgresql://h/db")).isEmpty();
    assertThat(JdbcDrivers.subprotocol("jdbc:")).isEmpty();
  }
}
