package dev.envsweep.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
  private final ConfigLoader loader = new ConfigLoader(Map.of("WH_PASSWORD", "s3cret")::get);

  @Test
  void readsEveryDocumentedKeyAndSubstitutesEnvironmentVariables() throws ConfigException {
    EnvsweepConfig c = loader.parse("""
        state_store:
          url: jdbc:duckdb:/data/state.duckdb
          schema: ""
          create: true
        default_gateway: Warehouse
        gateways:
          Warehouse:
            url: jdbc:duckdb:/data/wh.duckdb
            password: ${env:WH_PASSWORD}
            catalog_dir: /data/catalogs
            default_catalog: wh
          local:
            url: jdbc:duckdb:/data/local.duckdb
        pinned_environments: [Staging, "QA-1"]
        janitor:
          warn_on_failure: true
          page_size: 7
          schedule: 15 minutes
        server:
          port: 9000
          serialization: JSON
        """, "test.yaml");
    assertThat(c.defaultGateway()).isEqualTo("warehouse");
    assertThat(c.gateways()).containsOnlyKeys("warehouse", "local");
    assertThat(c.defaultGatewayConfig().password()).isEqualTo("s3cret");
    assertThat(c.defaultGatewayConfig().catalogDir()).isEqualTo(Path.of("/data/catalogs"));
    assertThat(c.stateStore().schema()).isEmpty();
    assertThat(c.stateStore().create()).isTrue();
    assertThat(c.pinnedEnvironments()).containsExactlyInAnyOrder("staging", "qa_1");
    assertThat(c.janitor()).isEqualTo(new JanitorConfig(true, 7, false, 0, 900));
    assertThat(c.server()).isEqualTo(new ServerConfig("127.0.0.1", 9000, "json", "none"));
    assertThat(c.isProtected("prod")).isTrue();
    assertThat(c.isProtected("qa_1")).isTrue();
  }

  @ParameterizedTest
  @CsvSource({"30, 30", "'90 s', 90", "'1 hour', 3600", "'2 days', 172800", "PT15M, 900", "'5min', 300"})
  void janitorScheduleTakesSecondsAmountsOrIsoDurations(String written, int seconds) throws Exception {
    assertThat(loader.parse("gateways:\n  a:\n    url: jdbc:duckdb:x.db\njanitor:\n  schedule: " + written + "\n",
        "f.yaml").janitor().scheduleSeconds()).isEqualTo(seconds);
  }

  @Test
  void theMetricsPortIsOffUnlessSetAndMustBeAPort() throws Exception {
    String base = "gateways:\n  a:\n    url: jdbc:duckdb:x.db\n";
    assertThat(loader.parse(base, "f.yaml").server().metricsPort()).isNull();
    assertThat(loader.parse(base + "server:\n  metrics_port: 9464\n", "f.yaml").server().metricsPort())
        .isEqualTo(9464);
    assertThatThrownBy(() -> loader.parse(base + "server:\n  metrics_port: 70000\n", "f.yaml"))
        .hasMessage("f.yaml: server.metrics_port must be between 0 and 65535, got 70000");
  }

  @Test
  void aScheduleThatIsNotADurationIsNamed() {
    assertThatThrownBy(() -> loader.parse("gateways:\n  a:\n    url: jdbc:duckdb:x.db\njanitor:\n  schedule: hourly\n",
        "f.yaml")).hasMessageContaining("'janitor.schedule' must be seconds, an amount such as '15 minutes'")
        .hasMessageContaining("got 'hourly'");
  }

  @Test
  void mistakesAreNamed() {
    assertThatThrownBy(() -> loader.parse("gateways:\n  a:\n    url: x\n    urll: y\n", "f.yaml"))
        .hasMessage("f.yaml: unknown key 'gateways.a.urll'; allowed here: url, dialect, default_catalog, user, "
            + "password, max_parallel_drops, catalog_dir, properties, options, connection_timeout_ms");
    assertThatThrownBy(() -> loader.parse("gateways:\n  a:\n    url: ${env:NOPE}\n", "f.yaml"))
        .hasMessage("f.yaml: 'gateways.a.url' uses environment variable NOPE, which is not set");
    assertThatThrownBy(() -> loader.parse("gateways:\n  a:\n    url: x\n  b:\n    url: y\n", "f.yaml"))
        .hasMessage("f.yaml: 'default_gateway' must name one of the gateways: a, b");
    assertThatThrownBy(() -> loader.parse("gateways: {}\n", "f.yaml"))
        .hasMessage("f.yaml: 'gateways' must list at least one gateway");
    assertThatThrownBy(() -> loader.parse("gateways:\n  a:\n    url: x\njanitor:\n  page_size: many\n", "f.yaml"))
        .hasMessage("f.yaml: 'janitor.page_size' must be a whole number, got 'many'");
    assertThatThrownBy(() -> loader.parse("gateways: [\n", "f.yaml")).hasMessageStartingWith("f.yaml: not valid YAML");
    assertThatThrownBy(() -> loader.parse("gateways:\n  a:\n    url: x\nserver:\n  serialization: xml\n", "f.yaml"))
        .hasMessage("f.yaml: server.serialization must be protobuf or json, got 'xml'");
  }

  @Test
  void yamlIsReadAsWrittenAndItsMistakesArePlaced() throws ConfigException {
    // Plain scalars keep their text: YAML 1.1 would read yes as true and 0755 as octal.
    EnvsweepConfig c = loader.parse("gateways:\n  a:\n    url: jdbc:duckdb:x.db\n    password: yes\n"
        + "    user: 0755\n", "f.yaml");
    assertThat(c.defaultGatewayConfig().password()).isEqualTo("yes");
    assertThat(c.defaultGatewayConfig().user()).isEqualTo("0755");
    assertThatThrownBy(() -> loader.parse("gateways:\n  a:\n    url: x\n  a:\n    url: y\n", "f.yaml"))
        .hasMessage("f.yaml: 'gateways.a' is given twice (line 4)");
    assertThatThrownBy(() -> loader.parse("gateways:\n  a:\n    url: [x\n", "f.yaml"))
        .hasMessageStartingWith("f.yaml: not valid YAML: ").hasMessageContaining(" at line 4, column 1");
  }

  @Test
  void noFileMeansTheEmbeddedDefault() throws ConfigException {
    EnvsweepConfig c = EnvsweepConfig.embedded(Path.of("/tmp/x"), EnvsweepConfig.EMBEDDED_FILE, "embedded");
    assertThat(c.defaultGatewayConfig().url()).isEqualTo("jdbc:duckdb:/tmp/x/envsweep.duckdb");
    assertThat(c.stateStore().create()).isTrue();
    assertThat(c.stateStore().url()).isNull();
  }

  @Test
  void secretsAreHiddenFromUrls() {
    assertThat(Urls.withoutSecrets("jdbc:postgresql://u:pw@h/db?password=x&ssl=true"))
        .isEqualTo("jdbc:postgresql://u:***@h/db?password=***&ssl=true");
  }
}
