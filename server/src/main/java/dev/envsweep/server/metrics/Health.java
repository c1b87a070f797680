package dev.envsweep.server.metrics;

import dev.envsweep.core.Envsweep;
import dev.envsweep.core.execute.DaemonThreads;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readiness: whether the state store and the default gateway answer. Both are checked at once, each with the
 * same call the server itself relies on (the state store's clock, the gateway's {@code sys.gateways} probe), and
 * the answer waits at most {@link #WAIT_MS}: a state store that is down can hold a connection attempt for its
 * whole connection timeout, longer than an orchestrator's probe waits. A check still running when the next probe
 * comes is waited for again rather than started twice, so probes against a hung store do not pile up threads.
 */
public final class Health {
  static final long WAIT_MS = 5_000;

  /** What a readiness check found: each component and empty when up, or why it is down. */
  public record Report(Map<String, Optional<String>> components) {
    public boolean ready() {
      return components.values().stream().allMatch(Optional::isEmpty);
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(Health.class);

  private final Envsweep envsweep;
  /** Each component's previous finding: a change is logged once, not every probe. */
  private final Map<String, Optional<String>> last = new java.util.concurrent.ConcurrentHashMap<>();
  private final ExecutorService checks = DaemonThreads.perTask("envsweep-health");
  private final AtomicReference<CompletableFuture<Optional<String>>> stateCheck = new AtomicReference<>();
  private final AtomicReference<CompletableFuture<Optional<String>>> gatewayCheck = new AtomicReference<>();

  public Health(Envsweep envsweep) {
    this.envsweep = envsweep;
  }

  public Report ready() {
    CompletableFuture<Optional<String>> state = running(stateCheck, this::checkStateStore);
    CompletableFuture<Optional<String>> gateway = running(gatewayCheck,
        () -> envsweep.gateways().defaultGateway().probe());
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
    Map<String, Optional<String>> out = new LinkedHashMap<>();
    out.put("state_store", outcome(state, deadline));
    out.put("gateway " + envsweep.gateways().defaultName(), outcome(gateway, deadline));
    out.forEach((component, down) -> {
      Optional<String> before = last.put(component, down);
      if (down.isPresent() && (before == null || before.isEmpty())) {
        LOG.warn("health: {} is down: {}", component, down.get());
      } else if (down.isEmpty() && before != null && before.isPresent()) {
        LOG.info("health: {} is up again", component);
      }
    });
    return new Report(out);
  }

  private Optional<String> checkStateStore() {
    try {
      envsweep.state().now();
      return Optional.empty();
    } catch (SQLException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** The check in flight, or a new one when none is. */
  private CompletableFuture<Optional<String>> running(AtomicReference<CompletableFuture<Optional<String>>> slot,
      Supplier<Optional<String>> check) {
    CompletableFuture<Optional<String>> current = slot.get();
    if (current != null && !current.isDone()) {
      return current;
    }
    CompletableFuture<Optional<String>> next = CompletableFuture.supplyAsync(check, checks);
    slot.set(next);
    return next;
  }

  private static Optional<String> outcome(CompletableFuture<Optional<String>> check, long deadlineNanos) {
    try {
      return check.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return Optional.of("no answer within " + WAIT_MS + " ms");
    } catch (ExecutionException e) {
      return Optional.of(String.valueOf(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted");
    }
  }

  void close() {
    checks.shutdownNow();
  }
}
