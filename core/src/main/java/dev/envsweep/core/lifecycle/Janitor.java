package dev.envsweep.core.lifecycle;

import dev.envsweep.core.state.JanitorLease;
import dev.envsweep.core.model.ResultRow;
import dev.envsweep.core.state.StateStore;
import dev.envsweep.core.model.Status;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background janitor of {@code serve} ({@code janitor.schedule}): a cleanup round on start and then every
 * interval after the previous round ended, on a thread of its own with its own connections, so it never holds
 * anything a client's statement waits for (each environment is its own short unit of work, as for a client's
 * CLEANUP). Across all servers on one state store at most one janitor runs a round at a time: a round starts
 * only with the {@link JanitorLease}, renewed as it goes. Its runs are in {@code sys.cleanup_history} with
 * server {@code janitor@<server>}; progress is logged (environments done / total, objects dropped, elapsed).
 */
public final class Janitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Janitor.class);

  /** How long a lease lasts unless renewed; a janitor that died frees it after this. */
  static final long LEASE_MS = 60_000;
  private static final long RENEW_AFTER_MS = LEASE_MS / 4;
  private static final long LOG_EVERY_MS = 10_000;

  private final Lifecycle lifecycle;
  private final StateStore state;
  private final JanitorLease lease;
  private final String holder;
  private final ScheduledExecutorService executor;
  private volatile CleanupProgress observer = CleanupProgress.NONE;
  private final java.util.concurrent.atomic.AtomicLong succeeded = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong failedRounds = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong skipped = new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong consecutiveFailures =
      new java.util.concurrent.atomic.AtomicLong();
  private volatile long lastSuccessMs;

  private Janitor(Lifecycle lifecycle, StateStore state, JanitorLease lease, String server) {
    this.lifecycle = lifecycle;
    this.state = state;
    this.lease = lease;
    this.holder = server + "#" + UUID.randomUUID().toString().substring(0, 8);
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "envsweep-janitor");
      t.setDaemon(true);
      return t;
    });
  }

  /** A janitor that runs no round until asked ({@link #runRound()}); tests and {@link #start} use it. */
  public static Janitor create(Lifecycle lifecycle, StateStore state, String server) throws SQLException {
    return new Janitor(lifecycle, state, JanitorLease.open(state), server);
  }

  /** Starts rounds now and then {@code every} after each round ends. */
  public static Janitor start(Lifecycle lifecycle, StateStore state, String server, Duration every)
      throws SQLException {
    Janitor janitor = create(lifecycle, state, server);
    janitor.executor.scheduleWithFixedDelay(janitor::roundLoggingFailures, 0, every.toMillis(),
        TimeUnit.MILLISECONDS);
    LOG.info("janitor: a cleanup round now and every {}", describe(every));
    return janitor;
  }

  /**
   * This janitor's scheduled rounds since it started, for monitoring: rounds that ended normally, that ended in
   * an error, and that did not run because another janitor held the lease; failures since the last normal end;
   * and when that was (epoch ms, 0 for never). Rounds run by {@link #runRound()} directly are not counted.
   */
  public record Stats(long succeeded, long failed, long skipped, long consecutiveFailures, long lastSuccessMs) {}

  public Stats stats() {
    return new Stats(succeeded.get(), failedRounds.get(), skipped.get(), consecutiveFailures.get(), lastSuccessMs);
  }

  /** Also tell {@code observer} of each environment (tests pause a round with it). */
  Janitor observe(CleanupProgress observer) {
    this.observer = observer;
    return this;
  }

  /** What one round did. */
  public record Round(String runId, long expired, long environments, long dropped, long failed, long elapsedMs) {}

  /**
   * One round, if this janitor gets the lease: empty when another janitor holds it. A failed drop without
   * {@code janitor.warn_on_failure} ends the round in the cleanup's 58000, after the other environments.
   */
  public Optional<Round> runRound() throws SQLException {
    if (!lease.tryAcquire(holder, LEASE_MS)) {
      LOG.debug("janitor: another janitor holds the lease ({}); skipping this round", lease.holder());
      return Optional.empty();
    }
    try {
      long start = System.nanoTime();
      long expired = state.countExpired(state.now());
      LOG.info("janitor: round started, {} expired environment(s)", expired);
      Tally tally = new Tally(expired, start);
      ResultPages pages = lifecycle.janitorCleanup(tally);
      Round round = new Round(pages.runId(), expired, tally.environments, tally.dropped, tally.failed,
          tally.elapsedMs());
      RunSummary summary = pages.summary();
      LOG.atInfo().addKeyValue("run_id", round.runId()).addKeyValue("expired", expired)
          .addKeyValue("environments", round.environments()).addKeyValue("dropped", round.dropped())
          .addKeyValue("failed", round.failed()).addKeyValue("elapsed_ms", round.elapsedMs())
          .log("janitor: round done: {}/{} environment(s), {} object(s) dropped, {} failed, rows {}, {} ms, "
              + "run_id={}", round.environments(), expired, round.dropped(), round.failed(),
              summary == null ? "none" : summary.statuses(), round.elapsedMs(), round.runId());
      return Optional.of(round);
    } finally {
      lease.release(holder);
    }
  }

  private void roundLoggingFailures() {
    try {
      if (runRound().isPresent()) {
        succeeded.incrementAndGet();
        consecutiveFailures.set(0);
        lastSuccessMs = System.currentTimeMillis();
      } else {
        skipped.incrementAndGet();
      }
    } catch (SQLException | RuntimeException e) {
      failedRounds.incrementAndGet();
      consecutiveFailures.incrementAndGet();
      // The next round tries again; a failed drop is in sys.cleanup_history with its reason.
      LOG.atWarn().addKeyValue("sqlstate", e instanceof SQLException q ? q.getSQLState() : null)
          .log("janitor: round ended with an error: {}", e.getMessage());
    }
  }

  /** Counts, logs at most every {@link #LOG_EVERY_MS}, and keeps the lease alive between environments. */
  private final class Tally implements CleanupProgress {
    final long expired;
    final long start;
    long environments;
    long dropped;
    long failed;
    long lastLog;
    long lastRenew;

    Tally(long expired, long start) {
      this.expired = expired;
      this.start = start;
      this.lastLog = start;
      this.lastRenew = start;
    }

    long elapsedMs() {
      return (System.nanoTime() - start) / 1_000_000;
    }

    @Override
    public void environmentDone(String name, List<ResultRow> rows) throws SQLException {
      if (Thread.currentThread().isInterrupted()) {
        throw new SQLException("janitor stopping: the server is shutting down", "57P01");
      }
      if (!rows.isEmpty()) {
        environments++;
      }
      for (ResultRow r : rows) {
        if (r.status() == Status.DROPPED) {
          dropped++;
        } else if (r.status() == Status.FAILED) {
          failed++;
        }
      }
      observer.environmentDone(name, rows);
      long now = System.nanoTime();
      if (now - lastLog >= LOG_EVERY_MS * 1_000_000) {
        lastLog = now;
        LOG.info("janitor: {}/{} environment(s), {} object(s) dropped, {} ms", environments, expired, dropped,
            elapsedMs());
      }
      if (now - lastRenew >= RENEW_AFTER_MS * 1_000_000) {
        lastRenew = now;
        if (!lease.tryAcquire(holder, LEASE_MS)) {
          throw new SQLException("janitor lease lost to " + lease.holder() + "; stopping this round after "
              + environments + " environment(s)", "40001");
        }
      }
    }
  }

  private static String describe(Duration d) {
    return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
  }

  /** Stops scheduling; a round in progress is interrupted between environments and its lease released. */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
