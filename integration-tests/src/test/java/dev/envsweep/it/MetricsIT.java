package dev.envsweep.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server.metrics_port} on a real server: what {@code /metrics} serves is valid Prometheus text (checked
 * by {@link PrometheusText}) and equals what the sys tables show over the stock Avatica driver after INVALIDATE
 * and CLEANUP; readiness follows a PostgreSQL state store that goes away; with basic authentication and TLS,
 * {@code /metrics} needs a user of the users file over HTTPS; and without the setting there is no listener.
 */
class MetricsIT {
  @TempDir Path dir;

  @Test
  void aScrapeMatchesTheSysTablesAfterInvalidateAndCleanup() throws Exception {
    int metricsPort = ServerProcess.freePort();
    ServerProcess.writeConfig(dir, """
        state_store:
          create: true
        gateways:
          local:
            url: jdbc:duckdb:%s
        pinned_environments: [keep]
        janitor:
          schedule: 1h
        server:
          metrics_port: %d
        """.formatted(dir.resolve("wh.duckdb"), metricsPort));
    try (ServerProcess server = ServerProcess.serve(dir, "protobuf", "--config", dir.resolve("envsweep.yaml")
        .toString()); Connection c = server.connect()) {
      assertThat(server.stdout()).contains("metrics on http://127.0.0.1:" + metricsPort + "/metrics");
      Project project = new Project(c, "wh", dir);
      project.physicalTables();
      project.environment("prod", "schema", null);
      project.environment("keep", "schema", EndToEndTests.PAST);
      project.environment("live", "schema", EndToEndTests.FUTURE);
      project.environment("gone", "schema", EndToEndTests.FUTURE);
      project.environment("waiting", "schema", EndToEndTests.FUTURE);
      Sql.rows(c, "INVALIDATE ENVIRONMENT gone");
      assertThat(Sql.rows(c, "CLEANUP EXPIRED ENVIRONMENTS")).extracting(r -> r.get(5)).contains("DROPPED",
          "DELETED");
      Sql.rows(c, "INVALIDATE ENVIRONMENT waiting");

      PrometheusText scrape = PrometheusText.parse(get("http://127.0.0.1:" + metricsPort + "/metrics", null, null)
          .body());

      assertThat(scrape.value("envsweep_state_store_up")).isEqualTo(1);
      for (String status : List.of("LIVE", "EXPIRED", "PINNED", "PROD")) {
        assertThat(scrape.value("envsweep_environments", "status", status)).as(status)
            .isEqualTo(count(c, "SELECT COUNT(*) FROM sys.environments WHERE status = '" + status + "'"));
      }
      assertThat(scrape.value("envsweep_environments", "status", "EXPIRED")).isEqualTo(1);
      assertThat(scrape.value("envsweep_environments", "status", "PINNED")).isEqualTo(1);
      assertThat(scrape.value("envsweep_expired_environments")).isEqualTo(1);
      long oldest = count(c, "SELECT MIN(expiration_ts) FROM sys.environments WHERE status = 'EXPIRED'");
      double age = (System.currentTimeMillis() - oldest) / 1000.0;
      assertThat(scrape.value("envsweep_expired_oldest_age_seconds")).isGreaterThanOrEqualTo(0)
          .isCloseTo(age, within(10.0));

      // Every (kind, status) of the history, and nothing else.
      Map<List<String>, Double> history = new HashMap<>();
      for (List<String> r : Sql.rows(c, "SELECT object_kind, status, COUNT(*) FROM sys.cleanup_history "
          + "GROUP BY object_kind, status")) {
        history.put(List.of(r.get(0), r.get(1)), Double.valueOf(r.get(2)));
      }
      Map<List<String>, Double> scraped = new HashMap<>();
      for (PrometheusText.Sample s : scrape.samples("envsweep_cleanup_objects_total")) {
        scraped.put(List.of(s.labels().get("kind"), s.labels().get("status")), s.value());
      }
      assertThat(scraped).isEqualTo(history).containsKey(List.of("SCHEMA", "DROPPED"))
          .containsKey(List.of("ENVIRONMENT", "INVALIDATED"));

      // The CLEANUP (and the janitor's first round, which found nothing and so recorded nothing) ...
      long cleanups = count(c, "SELECT COUNT(DISTINCT run_id) FROM sys.cleanup_history WHERE status IN "
          + "('DROPPED', 'SKIPPED', 'FAILED', 'DELETED')");
      assertThat(cleanups).isEqualTo(1);
      assertThat(scrape.value("envsweep_cleanup_runs_total", "outcome", "succeeded")).isEqualTo(cleanups);
      assertThat(scrape.value("envsweep_cleanup_runs_total", "outcome", "failed")).isEqualTo(0);
      assertThat(scrape.value("envsweep_cleanup_run_duration_seconds_count", "outcome", "succeeded"))
          .isEqualTo(cleanups);
      assertThat(scrape.value("envsweep_cleanup_run_duration_seconds_sum", "outcome", "succeeded"))
          .isGreaterThanOrEqualTo(0).isLessThan(60);
      assertThat(scrape.samples("envsweep_orphans")).hasSize((int) count(c, "SELECT COUNT(*) FROM sys.orphans"));

      List<List<String>> gateways = Sql.rows(c, "SELECT name, dialect, is_default, reachable FROM sys.gateways");
      assertThat(scrape.samples("envsweep_gateway_up")).hasSize(gateways.size());
      for (List<String> g : gateways) {
        assertThat(scrape.value("envsweep_gateway_up", "gateway", g.get(0), "dialect", g.get(1), "default",
            g.get(2))).isEqualTo(Boolean.parseBoolean(g.get(3)) ? 1 : 0);
      }

      // The janitor's round on start succeeded.
      assertThat(scrape.value("envsweep_janitor_enabled")).isEqualTo(1);
      assertThat(scrape.value("envsweep_janitor_rounds_total", "outcome", "succeeded")).isEqualTo(1);
      assertThat(scrape.value("envsweep_janitor_consecutive_failures")).isEqualTo(0);
      assertThat(scrape.value("envsweep_janitor_last_success_timestamp_seconds"))
          .isCloseTo(System.currentTimeMillis() / 1000.0, within(120.0));

      assertThat(get("http://127.0.0.1:" + metricsPort + "/health/live", null, null).statusCode()).isEqualTo(200);
      HttpResponse<String> ready = get("http://127.0.0.1:" + metricsPort + "/health/ready", null, null);
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body()).contains("\"status\":\"UP\"");
      assertThat(get("http://127.0.0.1:" + metricsPort + "/nope", null, null).statusCode()).isEqualTo(404);
      assertThat(listeningPorts(server)).containsExactlyInAnyOrder(server.port, metricsPort);
    }
  }

  @Test
  void readinessFollowsAPostgresStateStore() throws Exception {
    int metricsPort = ServerProcess.freePort();
    EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
    try {
      try (Connection c = pg.getPostgresDatabase().getConnection()) {
        Sql.exec(c, "CREATE DATABASE state");
      }
      // The warehouse exists before envsweep serves it (envsweep refuses to create a gateway's file).
      java.sql.DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("wh.duckdb")).close();
      ServerProcess.writeConfig(dir, """
          state_store:
            url: %s
            user: postgres
            create: true
            connection_timeout_ms: 1000
          gateways:
            local:
              url: jdbc:duckdb:%s
          janitor:
            schedule: 1s
          """.formatted(pg.getJdbcUrl("postgres", "state"), dir.resolve("wh.duckdb")));
      try (ServerProcess server = ServerProcess.serve(dir, "protobuf", "--config",
          dir.resolve("envsweep.yaml").toString(), "--metrics-port", String.valueOf(metricsPort))) {
        String base = "http://127.0.0.1:" + metricsPort;
        HttpResponse<String> ready = get(base + "/health/ready", null, null);
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"UP\",\"components\":{\"state_store\":\"UP\","
            + "\"gateway local\":\"UP\"}}\n");
        PrometheusText before = waitForScrape(base, p -> p.value("envsweep_janitor_rounds_total", "outcome",
            "succeeded") >= 1);
        assertThat(before.value("envsweep_janitor_consecutive_failures")).isEqualTo(0);

        pg.close();
        pg = null;
        ready = get(base + "/health/ready", null, null);
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
        assertThat(ready.body()).isEqualTo("{\"status\":\"DOWN\",\"components\":{\"state_store\":\"DOWN\","
            + "\"gateway local\":\"UP\"}}\n");
        // Alive all the same, and the scrape still answers: the state store's part is left out, not an error.
        assertThat(get(base + "/health/live", null, null).statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = get(base + "/metrics", null, null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        PrometheusText scrape = PrometheusText.parse(metrics.body());
        assertThat(scrape.value("envsweep_state_store_up")).isEqualTo(0);
        assertThat(scrape.value("envsweep_gateway_up", "gateway", "local", "dialect", "duckdb", "default", "true"))
            .isEqualTo(1);
        assertThat(scrape.has("envsweep_environments")).isFalse();
        assertThat(server.stderr()).contains("health: state_store is down");
        // The janitor's rounds now fail, one after another, and its last success stays where it was.
        PrometheusText failing = waitForScrape(base, p -> p.value("envsweep_janitor_consecutive_failures") >= 2);
        assertThat(failing.value("envsweep_janitor_rounds_total", "outcome", "failed"))
            .isGreaterThanOrEqualTo(failing.value("envsweep_janitor_consecutive_failures"));
        // (Compared with a scrape taken once the store was gone: a round may have succeeded since "before".)
        assertThat(failing.value("envsweep_janitor_last_success_timestamp_seconds"))
            .isEqualTo(scrape.value("envsweep_janitor_last_success_timestamp_seconds"))
            .isGreaterThanOrEqualTo(before.value("envsweep_janitor_last_success_timestamp_seconds")).isPositive();
      }
    } finally {
      if (pg != null) {
        pg.close();
      }
    }
  }

  @Test
  void withBasicAuthenticationAndTlsMetricsNeedAUserOverHttps() throws Exception {
    int metricsPort = ServerProcess.freePort();
    Files.writeString(dir.resolve("users"), "alice: " + SecurityIT.hash("alice-pw") + ", admin\nbob: "
        + SecurityIT.hash("bob-pw") + ", readonly\n");
    Path keystore = dir.resolve("server.p12");
    SecurityIT.keystore(keystore, "keystore-pw");
    ServerProcess.writeConfig(dir, """
        state_store:
          create: true
        gateways:
          local:
            url: jdbc:duckdb:%s
        server:
          authentication: basic
          users_file: %s
          metrics_port: %d
          tls:
            keystore: %s
            password: keystore-pw
        """.formatted(dir.resolve("wh.duckdb"), dir.resolve("users"), metricsPort, keystore));
    try (ServerProcess server = ServerProcess.serve(dir, "protobuf", "--config",
        dir.resolve("envsweep.yaml").toString())) {
      SSLContext tls = trusting(keystore, "keystore-pw");
      String base = "https://127.0.0.1:" + metricsPort;
      assertThat(server.stdout()).contains("metrics on " + base + "/metrics");
      assertThat(get(base + "/metrics", null, tls).statusCode()).isEqualTo(401);
      assertThat(get(base + "/metrics", "alice:wrong", tls).statusCode()).isEqualTo(401);
      assertThat(get(base + "/metrics", "mallory:alice-pw", tls).statusCode()).isEqualTo(401);
      HttpResponse<String> ok = get(base + "/metrics", "bob:bob-pw", tls);
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(PrometheusText.parse(ok.body()).value("envsweep_state_store_up")).isEqualTo(1);
      assertThat(get(base + "/metrics", "alice:alice-pw", tls).statusCode()).isEqualTo(200);
      // Probes carry no credentials; the health paths say only UP or DOWN.
      assertThat(get(base + "/health/live", null, tls).statusCode()).isEqualTo(200);
      assertThat(get(base + "/health/ready", null, tls).statusCode()).isEqualTo(200);
      // Plain HTTP is not served on the TLS port.
      assertThat(plainHttpFails("http://127.0.0.1:" + metricsPort + "/health/live")).isTrue();
      try (Connection c = avatica(server, keystore)) {
        assertThat(Sql.strings(c, "SELECT COUNT(*) FROM sys.environments")).containsExactly("0");
      }
    }
  }

  @Test
  void withoutTheSettingThereIsNoMetricsListener() throws Exception {
    ServerProcess.writeConfig(dir, """
        state_store:
          create: true
        gateways:
          local:
            url: jdbc:duckdb:%s
        """.formatted(dir.resolve("wh.duckdb")));
    try (ServerProcess server = ServerProcess.serve(dir, "protobuf", "--config",
        dir.resolve("envsweep.yaml").toString())) {
      assertThat(server.stdout()).doesNotContain("metrics");
      assertThat(listeningPorts(server)).containsExactly(server.port);
    }
  }

  /** Scrapes until the condition holds, for at most a minute. */
  private static PrometheusText waitForScrape(String base, java.util.function.Predicate<PrometheusText> condition)
      throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      PrometheusText scrape = PrometheusText.parse(get(base + "/metrics", null, null).body());
      if (condition.test(scrape)) {
        return scrape;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within a minute; last scrape: " + scrape);
      }
      Thread.sleep(200);
    }
  }

  private static long count(Connection c, String sql) throws Exception {
    return Long.parseLong(Sql.strings(c, sql).get(0));
  }

  private static HttpResponse<String> get(String url, String userColonPassword, SSLContext tls) throws Exception {
    HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
    if (tls != null) {
      client.sslContext(tls);
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    if (userColonPassword != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          userColonPassword.getBytes(StandardCharsets.UTF_8)));
    }
    return client.build().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static boolean plainHttpFails(String url) {
    try {
      HttpResponse<String> r = get(url, null, null);
      return r.statusCode() == 400; // Jetty answers plain HTTP on a TLS port with 400, never with the resource
    } catch (Exception e) {
      return true;
    }
  }

  private static SSLContext trusting(Path keystore, String password) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, password.toCharArray());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    return tls;
  }

  private static Connection avatica(ServerProcess server, Path keystore) throws Exception {
    Properties info = new Properties();
    info.setProperty("authentication", "BASIC");
    info.setProperty("avatica_user", "bob");
    info.setProperty("avatica_password", "bob-pw");
    return DriverManager.getConnection("jdbc:avatica:remote:url=https://127.0.0.1:" + server.port
        + ";serialization=protobuf;truststore=" + keystore + ";truststore_password=keystore-pw", info);
  }

  /**
   * The TCP ports the server process listens on, from Linux's /proc: the inodes of the process's sockets
   * ({@code /proc/<pid>/fd}) looked up among the listening sockets of {@code /proc/net/tcp} and {@code tcp6}.
   */
  private static List<Integer> listeningPorts(ServerProcess server) throws Exception {
    Set<String> inodes = new HashSet<>();
    try (var fds = Files.list(Path.of("/proc", String.valueOf(server.pid()), "fd"))) {
      for (Path fd : fds.toList()) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (java.io.IOException gone) {
          // closed while listing
        }
      }
    }
    List<Integer> ports = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path file = Path.of(table);
      if (!Files.exists(file)) {
        continue;
      }
      for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
        String[] f = line.trim().split("\\s+");
        // f[1] local address:port (hex), f[3] state (0A = LISTEN), f[9] inode
        if (f[3].equals("0A") && inodes.contains(f[9])) {
          ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
        }
      }
    }
    return ports;
  }
}
