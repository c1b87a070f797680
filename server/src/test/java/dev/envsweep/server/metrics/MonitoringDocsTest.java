package dev.envsweep.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard is an importable dashboard model whose queries use only metrics the README's Monitoring
 * table lists, and every metric that table lists is one {@link EnvsweepMetrics} emits.
 */
class MonitoringDocsTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Pattern METRIC = Pattern.compile("envsweep_[a-z_]+");

  @Test
  void theDashboardIsImportableAndUsesDocumentedMetrics() throws Exception {
    JsonNode dash = new ObjectMapper().readTree(ROOT.resolve("docs/grafana/envsweep-dashboard.json").toFile());
    assertThat(dash.path("title").asText()).isEqualTo("envsweep");
    assertThat(dash.path("schemaVersion").asInt()).isPositive();
    JsonNode datasource = dash.path("templating").path("list").get(0);
    assertThat(datasource.path("type").asText()).isEqualTo("datasource");
    assertThat(datasource.path("query").asText()).isEqualTo("prometheus");
    Set<String> used = new TreeSet<>();
    Set<Integer> ids = new TreeSet<>();
    for (JsonNode panel : dash.path("panels")) {
      assertThat(ids.add(panel.path("id").asInt())).as("panel ids are unique").isTrue();
      assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${" + datasource.path("name").asText()
          + "}");
      assertThat(panel.path("targets")).isNotEmpty();
      for (JsonNode target : panel.path("targets")) {
        Matcher m = METRIC.matcher(target.path("expr").asText());
        while (m.find()) {
          used.add(m.group().replaceAll("_(sum|count)$", ""));
        }
      }
    }
    assertThat(documented()).containsAll(used);
  }

  @Test
  void everyDocumentedMetricIsEmitted() throws Exception {
    String source = Files.readString(ROOT.resolve("server/src/main/java/dev/envsweep/server/metrics/"
        + "EnvsweepMetrics.java"));
    for (String metric : documented()) {
      String family = metric.replaceAll("_total$", "");
      assertThat(source).as(metric).contains("\"" + family + "\"");
    }
  }

  /** The metric names in the first column of the README's Monitoring table. */
  static Set<String> documented() throws Exception {
    Set<String> out = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^\\| `(envsweep_[a-z_]+)` \\|").matcher(Files.readString(ROOT.resolve(
        "README.md")));
    while (m.find()) {
      out.add(m.group(1));
    }
    assertThat(out).hasSizeGreaterThan(10);
    return out;
  }
}
