package dev.envsweep.core.lifecycle;

import dev.envsweep.core.SqlStates;
import dev.envsweep.core.config.EnvsweepConfig;
import dev.envsweep.core.execute.DropWorkers;
import dev.envsweep.core.execute.Gateway;
import dev.envsweep.core.execute.Gateways;
import dev.envsweep.core.plan.CleanupPlanner;
import dev.envsweep.core.model.EnvironmentNames;
import dev.envsweep.core.state.EnvsweepTables;
import dev.envsweep.core.model.ResultRow;
import dev.envsweep.core.state.StateStore;
import dev.envsweep.core.state.StateStore.EnvironmentRecord;
import dev.envsweep.dialects.DropMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What envsweep's statements do: invalidate an environment, clean up the expired ones, explain a cleanup. Each
 * run records its rows in the history and hands back a {@link ResultPages} that reads them.
 */
public final class Lifecycle {
  /** Rows read back per page. */
  static final int RESULT_PAGE = 500;

  private final EnvsweepConfig config;
  private final StateStore state;
  private final EnvsweepTables tables;
  private final PagePlanner pages;
  private final CleanupBatches batches;
  private final CleanupExplainer explainer;
  private final OrphanRetry orphans;
  private final Expiries expiries;
  private final String server;

  public Lifecycle(EnvsweepConfig config, StateStore state, EnvsweepTables tables, Gateways gateways,
      String server) {
    this.config = config;
    this.state = state;
    this.tables = tables;
    this.server = server;
    CleanupPlanner planner = new CleanupPlanner(gateways.defaultName(),
        g -> gateways.get(g).map(x -> x.dialect()).orElse(null));
    int timeoutSeconds = config.janitor().statementTimeoutSeconds();
    GatewayDrops drops = new GatewayDrops(timeoutSeconds);
    this.pages = new PagePlanner(config, gateways, planner, timeoutSeconds);
    this.batches = new CleanupBatches(state, pages, new EnvironmentDrops(config, gateways, drops),
        new BatchRecorder(state, tables), new DropWorkers(gateways.all().stream()
            .mapToInt(Gateway::maxParallelDrops).max().orElse(1)));
    this.explainer = new CleanupExplainer(config, state, gateways, planner, drops);
    this.orphans = new OrphanRetry(state, tables, gateways, drops, config.janitor().pageSize());
    this.expiries = new Expiries(config, state, tables);
  }

  /** Cleanup's page planning, for tests that step through a page themselves. */
  PagePlanner pagePlanner() {
    return pages;
  }

  /** Cleanup's unit of work in batches, for tests that step through a page themselves. */
  CleanupBatches cleanupBatches() {
    return batches;
  }

  /**
   * {@code INVALIDATE ENVIRONMENT name [SYNC [WARN ON FAILURE]]}: the expiry becomes the state store's now (an
   * environment already expired keeps its earlier expiry); with SYNC that environment alone is then cleaned.
   */
  public ResultPages invalidate(String rawName, boolean sync, boolean warnOnFailure) throws SQLException {
    return invalidate(rawName, sync, warnOnFailure, false);
  }

  /** As {@link #invalidate(String, boolean, boolean)}; {@code force}: SYNC drops with SQLMesh's SQL, unguarded. */
  public ResultPages invalidate(String rawName, boolean sync, boolean warnOnFailure, boolean force)
      throws SQLException {
    return invalidate(rawName, sync, warnOnFailure, force, CleanupProgress.NONE);
  }

  /** As {@link #invalidate(String, boolean, boolean, boolean)}; with SYNC, {@code progress} hears of the cleanup. */
  public ResultPages invalidate(String rawName, boolean sync, boolean warnOnFailure, boolean force,
      CleanupProgress progress) throws SQLException {
    String name = EnvironmentNames.sanitise(rawName);
    Run run = new Run(server);
    ResultRow invalidated = expiries.invalidate(name, run);
    if (!sync) {
      return ResultPages.of(List.of(invalidated), run);
    }
    CleanupBatches.Outcome outcome = batches.clean(name, state.now(), run, warnOnFailure, mode(force), progress);
    List<ResultRow> failures = outcome.failures();
    if (!failures.isEmpty() && !warnOnFailure) {
      throw SqlStates.cleanupFailed("environment '" + name + "' invalidated; cleanup failed:\n"
          + describe(failures) + "\nrun_id=" + run.id());
    }
    return new RecordedRows(tables, run, RESULT_PAGE);
  }

  /**
   * {@code EXPLAIN INVALIDATE ENVIRONMENT name [SYNC ...]}: the UPDATE it would send and, with SYNC, everything
   * cleanup would then send for that environment. Refused exactly as the statement would be; nothing changes.
   */
  public ResultPages explainInvalidate(String rawName, boolean sync, boolean force) throws SQLException {
    String name = EnvironmentNames.sanitise(rawName);
    List<ResultRow> rows = new ArrayList<>();
    rows.add(expiries.invalidate(name, null));
    if (sync) {
      try (Connection c = state.connection()) {
        Optional<EnvironmentRecord> env = state.find(c, name);
        if (env.isPresent()) {
          rows.addAll(explainer.explain(env.get(), mode(force)));
        }
      }
    }
    return ResultPages.of(rows);
  }

  /**
   * {@code INVALIDATE ENVIRONMENTS LIKE pattern [OLDER THAN age]}: every environment whose name matches and, with
   * an age, that was finalized at least that long ago by the state store's clock (never-finalized ones never
   * match); prod and pinned environments get a WARNING row and are left alone.
   */
  public ResultPages invalidateMatching(String pattern, Ttl olderThan) throws SQLException {
    Run run = new Run(server);
    Long cutoff = olderThan == null ? null : olderThan.before(state.now());
    String after = "";
    while (true) {
      List<String> names = state.matchingNames(pattern, cutoff, after, config.janitor().pageSize());
      if (names.isEmpty()) {
        break;
      }
      for (String name : names) {
        try {
          expiries.invalidateMatched(name, run);
        } catch (SQLException e) {
          if (!SqlStates.UNDEFINED_OBJECT.equals(e.getSQLState())) {
            throw e;
          }
          // Deleted between the listing and its turn: nothing to invalidate.
        }
      }
      after = names.get(names.size() - 1);
    }
    return new RecordedRows(tables, run, RESULT_PAGE);
  }

  /** EXPLAIN of the bulk form: which environments it would hit, as PLANNED rows, a page at a time. */
  public ResultPages explainInvalidateMatching(String pattern, Ttl olderThan) throws SQLException {
    Long cutoff = olderThan == null ? null : olderThan.before(state.now());
    return new LazyPages((after, limit) -> state.matchingNames(pattern, cutoff, after, limit), name -> {
      try {
        return List.of(expiries.invalidateMatched(name, null));
      } catch (SQLException e) {
        if (SqlStates.UNDEFINED_OBJECT.equals(e.getSQLState())) {
          return List.of();
        }
        throw e;
      }
    }, config.janitor().pageSize());
  }

  /** {@code RESTORE ENVIRONMENT name}. */
  public ResultPages restore(String rawName) throws SQLException {
    Run run = new Run(server);
    return ResultPages.of(List.of(expiries.restore(EnvironmentNames.sanitise(rawName), run)), run);
  }

  /** {@code ALTER ENVIRONMENT name SET ...}. */
  public ResultPages setExpiry(String rawName, ExpiryChange change) throws SQLException {
    Run run = new Run(server);
    return ResultPages.of(List.of(expiries.set(EnvironmentNames.sanitise(rawName), change, run)), run);
  }

  /**
   * {@code CLEANUP EXPIRED ENVIRONMENTS [WARN ON FAILURE]}: every environment expired at the state store's now,
   * in name order, a page at a time, each its own unit of work. Without WARN ON FAILURE a failed drop keeps that
   * environment's state, the others are still cleaned, and the statement ends in 58000 naming every failure.
   */
  public ResultPages cleanup(boolean warnOnFailure) throws SQLException {
    return cleanup(warnOnFailure, false);
  }

  /**
   * As {@link #cleanup(boolean)}; {@code force} (or {@code janitor.force}) drops with SQLMesh's SQL, without the
   * ownership guard. Protected environments stay protected either way.
   */
  public ResultPages cleanup(boolean warnOnFailure, boolean force) throws SQLException {
    return cleanup(warnOnFailure, force, CleanupProgress.NONE);
  }

  /** As {@link #cleanup(boolean, boolean)}, reporting each environment to {@code progress}. */
  public ResultPages cleanup(boolean warnOnFailure, boolean force, CleanupProgress progress) throws SQLException {
    return cleanup(warnOnFailure, force, new Run(server), progress);
  }

  /**
   * A client's {@code CLEANUP}: as {@link #cleanup(boolean, boolean, CleanupProgress)}, run on a thread of its own
   * so that each batch's rows reach the client as soon as the batch has committed ({@link StreamedRows}); an
   * error the cleanup ends with (58000, a stop's 57014) comes after the rows recorded before it. {@code progress}
   * is told it is {@link CleanupProgress#detached detached} now and when it has {@link CleanupProgress#ended}.
   */
  public ResultPages streamCleanup(boolean warnOnFailure, boolean force, CleanupProgress progress) {
    progress.detached();
    return StreamedRows.start(tables, new Run(server), RESULT_PAGE,
        run -> cleanup(warnOnFailure, force, run, progress), progress::ended, cleanupThreads);
  }

  /** Client cleanups under way, a thread each. */
  private final java.util.concurrent.ExecutorService cleanupThreads =
      dev.envsweep.core.execute.DaemonThreads.perTask("envsweep-cleanup");

  /**
   * The background janitor's cleanup: the configured behaviour, recorded with server {@code janitor@<server>}
   * so its runs stand out in {@code sys.cleanup_history}, reporting each environment to {@code progress}.
   */
  public ResultPages janitorCleanup(CleanupProgress progress) throws SQLException {
    return cleanup(false, false, new Run(JANITOR_PREFIX + server), progress);
  }

  /** How {@code sys.cleanup_history.server} marks the background janitor's runs. */
  public static final String JANITOR_PREFIX = "janitor@";

  private ResultPages cleanup(boolean warnOnFailure, boolean force, Run run, CleanupProgress progress)
      throws SQLException {
    boolean tolerate = warnOnFailure || config.janitor().warnOnFailure();
    DropMode mode = mode(force);
    long now = state.now();
    orphans.retryAll(run);
    List<ResultRow> failures = new ArrayList<>();
    int pageSize = config.janitor().pageSize();
    List<EnvironmentRecord> page = state.expiredRecords(now, "", pageSize);
    // Planned once, and one catalogue listing per gateway for the whole page rather than one per environment.
    java.util.concurrent.Future<CleanupPage> prepared = java.util.concurrent.CompletableFuture.completedFuture(
        page.isEmpty() ? null : pages.prepare(page, mode));
    while (!page.isEmpty()) {
      CleanupPage current = PagePlanner.await(prepared);
      List<EnvironmentRecord> nextPage = state.expiredRecords(now, page.get(page.size() - 1).name(), pageSize);
      // The next page is planned and listed while this one is dropped, on servers (see PagePlanner.prefetch).
      prepared = nextPage.isEmpty() ? null : pages.prefetch(nextPage, mode);
      batches.cleanAll(page.stream().map(EnvironmentRecord::name).toList(), now, run, tolerate, mode, current,
          progress.after((name, rows) -> rows.stream().filter(ResultRow::failed).forEach(failures::add)));
      page = nextPage;
    }
    if (!failures.isEmpty() && !tolerate) {
      throw SqlStates.cleanupFailed("cleanup failed; these objects were not dropped and their environments "
          + "were kept:\n" + describe(failures) + "\nrun_id=" + run.id());
    }
    return new RecordedRows(tables, run, RESULT_PAGE);
  }

  /**
   * {@code EXPLAIN CLEANUP EXPIRED ENVIRONMENTS}: what cleanup would send, environment by environment as the
   * client reads, with nothing locked, executed or recorded.
   */
  public ResultPages explainCleanup() throws SQLException {
    return explainCleanup(false);
  }

  public ResultPages explainCleanup(boolean force) throws SQLException {
    DropMode mode = mode(force);
    long now = state.now();
    return new LazyPages((after, limit) -> state.expiredNames(now, after, limit), name -> {
      try (Connection c = state.connection()) {
        Optional<EnvironmentRecord> env = state.find(c, name);
        return env.isPresent() ? explainer.explain(env.get(), mode) : List.of();
      }
    }, config.janitor().pageSize());
  }

  /**
   * Runs the cleanup path once without changing anything, so that a freshly started server's first CLEANUP does
   * not pay for loading and initialising it: the statement parsed, and the first expired environment (if any)
   * read, planned, checked against its gateways' catalogues and rendered, as {@code EXPLAIN CLEANUP} does. That
   * opens the state store's and the gateways' first connections too. Nothing is locked, sent or recorded; a
   * failure is ignored (the first real statement reports it).
   */
  public void warmUp() {
    try {
      dev.envsweep.core.sql.EnvsweepParser.parse("CLEANUP EXPIRED ENVIRONMENTS");
      explainCleanup().next();
    } catch (SQLException | RuntimeException ignored) {
      // only a warm-up: whatever failed here fails again, and is reported, where it is really used
    }
  }

  private DropMode mode(boolean force) {
    return force || config.janitor().force() ? DropMode.FORCE : DropMode.GUARDED;
  }

  /** One failed object per line: kind, name, gateway, reason. */
  private static String describe(List<ResultRow> failures) {
    return failures.stream()
        .map(r -> r.objectKind() + " " + r.objectName() + (r.gateway() == null ? "" : " on " + r.gateway())
            + ": " + r.message())
        .collect(Collectors.joining("\n"));
  }

}
