package dev.envsweep.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envsweep.core.Envsweep;
import dev.envsweep.core.config.ConfigLoader;
import dev.envsweep.core.config.EnvsweepConfig;
import dev.envsweep.core.model.EnvironmentNames;
import dev.envsweep.core.model.SuffixTarget;
import dev.envsweep.core.state.StateStore.EnvironmentCounts;
import dev.envsweep.core.testing.DuckDbProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aggregate counts behind the metrics equal sys.environments' statuses, including raw names that sanitise to
 * a protected one ({@code Keep-Me} is the pinned {@code keep_me}) and names that only LIKE's wildcard matches
 * ({@code keepXme} is not protected).
 */
class EnvironmentCountsTest {
  @TempDir Path dir;

  @Test
  void countsMatchSysEnvironments() throws Exception {
    long past = 1_000L;
    long future = 4_000_000_000_000L;
    try (DuckDbProject wh = new DuckDbProject(dir, "wh.duckdb")) {
      wh.project.insertState("prod", SuffixTarget.SCHEMA, null, List.of(DuckDbProject.ORDERS));
      wh.project.insertState("PROD", SuffixTarget.SCHEMA, past, List.of(DuckDbProject.ORDERS));
      wh.project.insertState("Keep-Me", SuffixTarget.SCHEMA, past, List.of(DuckDbProject.ORDERS));
      wh.project.insertState("keepXme", SuffixTarget.SCHEMA, past + 5, List.of(DuckDbProject.ORDERS));
      wh.project.insertState("old", SuffixTarget.SCHEMA, past + 10, List.of(DuckDbProject.ORDERS));
      wh.project.insertState("live", SuffixTarget.SCHEMA, future, List.of(DuckDbProject.ORDERS));
      wh.project.insertState("never", SuffixTarget.SCHEMA, null, List.of(DuckDbProject.ORDERS));
    }
    Path config = dir.resolve("envsweep.yaml");
    Files.writeString(config, "pinned_environments: [keep_me]\ngateways:\n  local:\n    url: jdbc:duckdb:"
        + dir.resolve("wh.duckdb") + "\n");
    Map<String, Long> sys = new TreeMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:envsweep:" + config); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT status, COUNT(*) FROM sys.environments GROUP BY status")) {
      while (rs.next()) {
        sys.put(rs.getString(1), rs.getLong(2));
      }
    }
    EnvsweepConfig cfg = new ConfigLoader().load(config);
    try (Envsweep envsweep = Envsweep.open(cfg)) {
      StateStore state = envsweep.state();
      EnvironmentCounts counts = state.environmentCounts(state.now(), Set.of("prod", "keep_me"),
          name -> cfg.isProtected(EnvironmentNames.sanitise(name)));
      assertThat(counts.protectedRows().keySet()).containsExactly("Keep-Me", "PROD", "prod");
      long prod = counts.protectedRows().keySet().stream()
          .filter(n -> EnvironmentNames.sanitise(n).equals("prod")).count();
      assertThat(sys).containsExactlyInAnyOrderEntriesOf(Map.of("PROD", prod,
          "PINNED", counts.protectedRows().size() - prod, "EXPIRED", counts.expired(),
          "LIVE", counts.total() - counts.expired()));
      assertThat(counts.expired()).isEqualTo(2);
      assertThat(counts.oldestExpiredTs()).isEqualTo(past + 5);
    }
  }
}
