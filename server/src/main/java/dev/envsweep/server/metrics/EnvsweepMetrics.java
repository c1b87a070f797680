package dev.envsweep.server.metrics;

import dev.envsweep.core.Envsweep;
import dev.envsweep.core.execute.DaemonThreads;
import dev.envsweep.core.execute.Gateway;
import dev.envsweep.core.execute.Gateway.PoolStats;
import dev.envsweep.core.lifecycle.Janitor;
import dev.envsweep.core.model.EnvironmentNames;
import dev.envsweep.core.state.EnvsweepTables.ObjectCount;
import dev.envsweep.core.state.EnvsweepTables.OrphanCount;
import dev.envsweep.core.state.EnvsweepTables.RunCount;
import dev.envsweep.core.state.StateStore.EnvironmentCounts;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * envsweep's figures, computed when Prometheus scrapes: environments, cleanup history and orphans from the
 * state store (aggregate queries over the tables {@code sys.environments}, {@code sys.cleanup_history} and
 * {@code sys.orphans} read, with the same status rules), gateways as {@code sys.gateways} shows them (one probe
 * per gateway per scrape), and this server's janitor. Nothing is kept between scrapes, so a scrape matches a
 * {@code SELECT} on the sys tables at the same moment. Scrapes run one at a time: each reads the state store a
 * handful of times and probes each gateway, and concurrent scrapers would only multiply that.
 *
 * <p>When the state store cannot be read, {@code envsweep_state_store_up} is 0 and the families read from it
 * are left out (rather than failing the scrape), so the gateway and janitor figures still arrive.
 */
public final class EnvsweepMetrics implements MultiCollector {
  private static final Logger LOG = LoggerFactory.getLogger(EnvsweepMetrics.class);
  /** {@code sys.environments} statuses, each reported even when zero so that a rate or an alert has a series. */
  static final List<String> STATUSES = List.of("LIVE", "EXPIRED", "PINNED", "PROD");

  private final Envsweep envsweep;
  private final Janitor janitor;
  private final ExecutorService probeThreads = DaemonThreads.perTask("envsweep-metrics-probe");

  /** @param janitor this server's background janitor, or null when {@code janitor.schedule} is off */
  public EnvsweepMetrics(Envsweep envsweep, Janitor janitor) {
    this.envsweep = envsweep;
    this.janitor = janitor;
  }

  @Override
  public synchronized MetricSnapshots collect() {
    List<MetricSnapshot> out = new ArrayList<>();
    boolean stateUp = true;
    try {
      stateStore(out);
    } catch (SQLException | RuntimeException e) {
      stateUp = false;
      LOG.debug("metrics: state store unreadable: {}", e.getMessage());
    }
    out.add(gauge("envsweep_state_store_up", "1 when the state store answered this scrape's queries, else 0",
        List.of(point(Labels.EMPTY, stateUp ? 1 : 0))));
    gateways(out);
    janitor(out);
    return new MetricSnapshots(out);
  }

  private void stateStore(List<MetricSnapshot> out) throws SQLException {
    long now = envsweep.state().now();
    EnvironmentCounts counts = envsweep.environmentCounts(now);
    long prod = counts.protectedRows().keySet().stream()
        .filter(n -> EnvironmentNames.sanitise(n).equals(EnvironmentNames.PROD)).count();
    long pinned = counts.protectedRows().size() - prod;
    long[] byStatus = {counts.total() - counts.expired(), counts.expired(), pinned, prod};
    List<GaugeDataPointSnapshot> statuses = new ArrayList<>();
    for (int i = 0; i < STATUSES.size(); i++) {
      statuses.add(point(Labels.of("status", STATUSES.get(i)), byStatus[i]));
    }
    // Read before they are added, so that a query failing part-way leaves out the whole state store part.
    List<RunCount> runs = envsweep.tables().runCounts();
    List<ObjectCount> objects = envsweep.tables().objectCounts();
    List<OrphanCount> orphans = envsweep.tables().orphanCounts();

    out.add(gauge("envsweep_environments", "Environments in the state store by sys.environments status",
        statuses));
    out.add(gauge("envsweep_expired_environments", "Expired environments waiting for cleanup (the backlog)",
        List.of(point(Labels.EMPTY, counts.expired()))));
    out.add(gauge("envsweep_expired_oldest_age_seconds", "Seconds since the longest-expired environment in the "
        + "backlog expired, by the state store's clock; 0 when the backlog is empty",
        List.of(point(Labels.EMPTY, counts.oldestExpiredTs() == null ? 0
            : Math.max(0, now - counts.oldestExpiredTs()) / 1000.0))));

    List<CounterDataPointSnapshot> runPoints = new ArrayList<>();
    List<SummaryDataPointSnapshot> durations = new ArrayList<>();
    for (boolean failed : new boolean[] {false, true}) {
      RunCount r = runs.stream().filter(x -> x.failed() == failed).findFirst()
          .orElse(new RunCount(failed, 0, 0));
      Labels labels = Labels.of("outcome", failed ? "failed" : "succeeded");
      runPoints.add(CounterDataPointSnapshot.builder().labels(labels).value(r.runs()).build());
      durations.add(SummaryDataPointSnapshot.builder().labels(labels).count(r.runs()).sum(r.durationMs() / 1000.0)
          .build());
    }
    out.add(counter("envsweep_cleanup_runs", "Cleanup runs recorded in sys.cleanup_history by outcome (failed: "
        + "the run left a FAILED row)", runPoints));
    SummarySnapshot.Builder summary = SummarySnapshot.builder().name("envsweep_cleanup_run_duration_seconds")
        .help("Duration of the cleanup runs in sys.cleanup_history, first statement's start to last row");
    durations.forEach(summary::dataPoint);
    out.add(summary.build());

    List<CounterDataPointSnapshot> objectPoints = new ArrayList<>();
    for (ObjectCount o : objects) {
      objectPoints.add(CounterDataPointSnapshot.builder()
          .labels(Labels.of("kind", label(o.objectKind()), "status", label(o.status()))).value(o.count()).build());
    }
    out.add(counter("envsweep_cleanup_objects", "Rows of sys.cleanup_history by object_kind and status",
        objectPoints));

    List<GaugeDataPointSnapshot> orphanPoints = new ArrayList<>();
    long oldestOrphan = Long.MAX_VALUE;
    for (OrphanCount o : orphans) {
      orphanPoints.add(point(Labels.of("gateway", label(o.gateway()), "kind", label(o.objectKind())), o.count()));
      oldestOrphan = Math.min(oldestOrphan, o.oldestLeftAtMs());
    }
    out.add(gauge("envsweep_orphans", "Objects in sys.orphans (left behind under WARN ON FAILURE, retried by "
        + "every cleanup) by gateway and kind", orphanPoints));
    out.add(gauge("envsweep_orphans_oldest_age_seconds", "Seconds since the oldest orphan was left behind; 0 "
        + "when there is none", List.of(point(Labels.EMPTY, oldestOrphan == Long.MAX_VALUE ? 0
            : Math.max(0, now - oldestOrphan) / 1000.0))));
  }

  private void gateways(List<MetricSnapshot> out) {
    List<GaugeDataPointSnapshot> up = new ArrayList<>();
    List<GaugeDataPointSnapshot> connections = new ArrayList<>();
    List<GaugeDataPointSnapshot> waiting = new ArrayList<>();
    List<GaugeDataPointSnapshot> max = new ArrayList<>();
    // Probed all at once, so that a scrape waits for the slowest gateway's connection timeout, not their sum.
    List<Gateway> all = List.copyOf(envsweep.gateways().all());
    List<CompletableFuture<Optional<String>>> probes = new ArrayList<>();
    for (Gateway g : all) {
      probes.add(CompletableFuture.supplyAsync(g::probe, probeThreads));
    }
    for (int i = 0; i < all.size(); i++) {
      Gateway g = all.get(i);
      Optional<String> error = probes.get(i).join();
      // Read after the probe, as sys.gateways does, so that a pool the probe just started shows its connection.
      Optional<PoolStats> pool = g.poolStats();
      up.add(point(Labels.of("gateway", g.name(), "dialect", g.dialect().name(), "default",
          String.valueOf(g.name().equals(envsweep.gateways().defaultName()))), error.isEmpty() ? 1 : 0));
      if (pool.isPresent()) {
        PoolStats p = pool.get();
        Labels gateway = Labels.of("gateway", g.name());
        connections.add(point(gateway.add("state", "active"), p.active()));
        connections.add(point(gateway.add("state", "idle"), p.idle()));
        connections.add(point(gateway.add("state", "total"), p.total()));
        waiting.add(point(gateway, p.waiting()));
        max.add(point(gateway, p.max()));
      }
    }
    out.add(gauge("envsweep_gateway_up", "1 when the gateway answered a probe during this scrape (sys.gateways "
        + "reachable), else 0", up));
    out.add(gauge("envsweep_gateway_pool_connections", "Pooled connections by state (sys.gateways "
        + "active/idle/total_connections); absent for DuckDB, whose connections are not pooled", connections));
    out.add(gauge("envsweep_gateway_pool_waiting_threads", "Threads waiting for a pooled connection "
        + "(sys.gateways waiting_threads)", waiting));
    out.add(gauge("envsweep_gateway_pool_max_connections", "The pool's size limit (sys.gateways "
        + "max_connections)", max));
  }

  private void janitor(List<MetricSnapshot> out) {
    out.add(gauge("envsweep_janitor_enabled", "1 when this server runs the background janitor "
        + "(janitor.schedule), else 0", List.of(point(Labels.EMPTY, janitor == null ? 0 : 1))));
    if (janitor == null) {
      return;
    }
    Janitor.Stats s = janitor.stats();
    out.add(CounterSnapshot.builder().name("envsweep_janitor_rounds").help("Janitor rounds of this server by "
        + "outcome (skipped: another janitor held the lease)")
        .dataPoint(CounterDataPointSnapshot.builder().labels(Labels.of("outcome", "succeeded"))
            .value(s.succeeded()).build())
        .dataPoint(CounterDataPointSnapshot.builder().labels(Labels.of("outcome", "failed"))
            .value(s.failed()).build())
        .dataPoint(CounterDataPointSnapshot.builder().labels(Labels.of("outcome", "skipped"))
            .value(s.skipped()).build())
        .build());
    out.add(gauge("envsweep_janitor_consecutive_failures", "Janitor rounds that failed since the last one that "
        + "succeeded", List.of(point(Labels.EMPTY, s.consecutiveFailures()))));
    out.add(gauge("envsweep_janitor_last_success_timestamp_seconds", "When a janitor round of this server last "
        + "succeeded (unix seconds); 0 for never", List.of(point(Labels.EMPTY, s.lastSuccessMs() / 1000.0))));
  }

  void close() {
    probeThreads.shutdownNow();
  }

  private static CounterSnapshot counter(String name, String help, List<CounterDataPointSnapshot> points) {
    CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
    points.forEach(b::dataPoint);
    return b.build();
  }

  private static GaugeSnapshot gauge(String name, String help, List<GaugeDataPointSnapshot> points) {
    GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
    points.forEach(b::dataPoint);
    return b.build();
  }

  private static GaugeDataPointSnapshot point(Labels labels, double value) {
    return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
  }

  /** Label values cannot be null; a NULL column is the empty string. */
  private static String label(String value) {
    return value == null ? "" : value;
  }

}
