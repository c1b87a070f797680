package dev.envsweep.core.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.envsweep.core.Envsweep;
import dev.envsweep.core.config.ConfigLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.calcite.avatica.ConnectionPropertiesImpl;
import org.apache.calcite.avatica.Meta.ConnectionHandle;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A remote client that went away without closing does not hold its session (and gateway connection) for ever. */
class IdleSessionsTest {
  @TempDir Path dir;

  @Test
  void anIdleRemoteSessionIsClosedAndAnInProcessOneIsNot() throws Exception {
    try (Envsweep envsweep = Envsweep.open(new ConfigLoader().parse("""
        state_store:
          create: true
        gateways:
          local:
            url: jdbc:duckdb:%s
        """.formatted(dir.resolve("wh.duckdb")), "idle.yaml"))) {
      EnvsweepMeta meta = new EnvsweepMeta(envsweep, null, Duration.ofMillis(300));
      try {
        ConnectionHandle remote = new ConnectionHandle("remote");
        ConnectionHandle local = new ConnectionHandle("local");
        meta.openConnection(remote, Map.of());
        meta.openInProcess(local, new InProcessClient() {
          @Override
          public boolean updateOnly(int statementId) {
            return false;
          }

          @Override
          public int queryTimeoutSeconds(int statementId) {
            return 0;
          }

          @Override
          public long maxRows(int statementId) {
            return 0;
          }

          @Override
          public boolean cancelRequested(int statementId) {
            return false;
          }

          @Override
          public void resetCancel(int statementId) {}
        }, null);
        // Used within the timeout, the remote session stays.
        for (int i = 0; i < 5; i++) {
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
          meta.connectionSync(remote, new ConnectionPropertiesImpl());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean closed = false;
        while (!closed && System.nanoTime() < deadline) {
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
          // Read without counting as use.
          closed = !meta.isOpen(remote.id);
        }
        assertThat(closed).as("the idle remote session was closed").isTrue();
        assertThatCode(() -> meta.connectionSync(local, new ConnectionPropertiesImpl())).doesNotThrowAnyException();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> meta.connectionSync(remote,
            new ConnectionPropertiesImpl())).isInstanceOf(NoSuchConnectionException.class);
      } finally {
        meta.close();
      }
    }
  }
}
