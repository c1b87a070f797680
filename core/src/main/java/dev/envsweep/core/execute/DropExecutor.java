package dev.envsweep.core.execute;

import dev.envsweep.core.plan.GatewayPlan;
import dev.envsweep.core.model.ResultRow;
import dev.envsweep.core.model.Status;
import dev.envsweep.dialects.CatalogueObject;
import dev.envsweep.dialects.Dialect;
import dev.envsweep.dialects.DialectContext;
import dev.envsweep.dialects.DropMode;
import dev.envsweep.dialects.DropObject;
import dev.envsweep.dialects.ObjectKind;
import dev.envsweep.dialects.RenderedDrop;
import dev.envsweep.dialects.UnsupportedDropException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs (or explains) one environment's drops on one gateway: list what exists (the ownership guard, unless
 * FORCE), render each object in the gateway's dialect, send the statements in order on one connection, and
 * describe every statement as a {@link ResultRow}. A drop that would remove something the environment does not
 * own is not sent and fails with the foreign objects' names. EXPLAIN takes the same path, reading the catalogue
 * but sending no drop, so the plan it shows is what a run would do. Nothing here touches the state store.
 */
public final class DropExecutor {
  private final int timeoutSeconds;

  /** @param timeoutSeconds longest any statement may run on a gateway ({@code janitor.statement_timeout}); 0: none */
  public DropExecutor(int timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
  }

  public DropExecutor() {
    this(0);
  }

  /**
   * What one gateway's drops came to.
   *
   * @param rows one per statement (or refusal), in order
   * @param failed the objects whose drop failed, each once, with the first failure's message: what WARN ON
   *     FAILURE records as orphans
   */
  public record GatewayOutcome(List<ResultRow> rows, java.util.Map<DropObject, String> failed) {}

  /** Runs the plan; never throws for a failed drop: failures are rows. */
  public GatewayOutcome execute(String environment, GatewayPlan plan, Gateway gateway, DropMode mode) {
    return execute(environment, plan, gateway, mode, CatalogueSnapshot.NONE);
  }

  /** As {@link #execute(String, GatewayPlan, Gateway, DropMode)}, judging by {@code snapshot} where it can. */
  public GatewayOutcome execute(String environment, GatewayPlan plan, Gateway gateway, DropMode mode,
      CatalogueSnapshot snapshot) {
    return run(environment, plan, gateway, mode, true, snapshot);
  }

  /**
   * Lists, per gateway, everything {@code drops} touch, in as few queries as the dialect's
   * {@link Dialect#listingChunk()} allows: what a page of environments' guards will need. A gateway whose listing
   * fails is left out (its environments list for themselves and report the failure as before); nothing here is
   * sent but catalogue queries.
   */
  public CatalogueSnapshot snapshot(Map<Gateway, List<DropObject>> drops, DropMode mode) {
    long taken = System.nanoTime();
    Map<String, CatalogueSnapshot.Listing> listings = new java.util.HashMap<>();
    for (Map.Entry<Gateway, List<DropObject>> e : drops.entrySet()) {
      Gateway gateway = e.getKey();
      Dialect dialect = gateway.dialect();
      if (mode != DropMode.GUARDED && !dialect.needsContentsToRender()) {
        continue;
      }
      List<DropObject> listable = e.getValue().stream()
          .filter(d -> d.kind() != ObjectKind.CATALOG || dialect.canDropCatalogs()).distinct().toList();
      if (listable.isEmpty()) {
        continue;
      }
      try (Connection c = gateway.connection()) {
        DialectContext context = gateway.context(c);
        List<CatalogueObject> found = new ArrayList<>();
        int chunk = dialect.listingChunk();
        for (int i = 0; i < listable.size(); i += chunk) {
          found.addAll(dialect.listCatalogue(new JdbcCatalogueReader(c, timeoutSeconds),
              listable.subList(i, Math.min(listable.size(), i + chunk)), context));
        }
        listings.put(gateway.name(), new CatalogueSnapshot.Listing(dialect, listable, found));
      } catch (SQLException | RuntimeException ignored) {
        // Each environment lists for itself and reports what goes wrong, as without a snapshot.
      }
    }
    return new CatalogueSnapshot(listings, taken);
  }

  /** The rows EXPLAIN shows: every statement that would be sent, in order; nothing is sent. */
  public List<ResultRow> explain(String environment, GatewayPlan plan, Gateway gateway, DropMode mode) {
    return run(environment, plan, gateway, mode, false, CatalogueSnapshot.NONE).rows();
  }

  private GatewayOutcome run(String environment, GatewayPlan plan, Gateway gateway, DropMode mode,
      boolean send, CatalogueSnapshot snapshot) {
    List<ResultRow> rows = new ArrayList<>();
    Run r = new Run(environment, gateway, mode, send, rows, timeoutSeconds);
    if (send) {
      // One slot for this environment's drops on this gateway: they go one after another on one connection.
      gateway.acquireDropSlot();
      try {
        runInto(r, plan, gateway, mode, send, snapshot);
      } finally {
        gateway.releaseDropSlot();
      }
    } else {
      runInto(r, plan, gateway, mode, send, snapshot);
    }
    java.util.Map<DropObject, String> failed = new java.util.LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).failed()) {
        failed.putIfAbsent(r.objects.get(i), rows.get(i).message());
      }
    }
    return new GatewayOutcome(rows, failed);
  }

  private void runInto(Run r, GatewayPlan plan, Gateway gateway, DropMode mode, boolean send,
      CatalogueSnapshot snapshot) {
    List<ResultRow> rows = r.rows;
    if (plan.drops().isEmpty()) {
      return;
    }
    try (Connection c = gateway.connection()) {
      r.connection = c;
      r.context = gateway.context(c);
      Dialect dialect = gateway.dialect();
      if (mode == DropMode.GUARDED || dialect.needsContentsToRender()) {
        List<DropObject> listable = plan.drops().stream()
            .filter(d -> d.kind() != ObjectKind.CATALOG || dialect.canDropCatalogs()).toList();
        try {
          Optional<List<CatalogueObject>> prelisted = snapshot.covering(gateway.name(), listable);
          List<CatalogueObject> listed = prelisted.isPresent() ? prelisted.get()
              : dialect.listCatalogue(new JdbcCatalogueReader(c, timeoutSeconds), listable, r.context);
          r.guard = new OwnershipGuard(dialect, r.context, listed, plan.ownedViews());
        } catch (SQLException e) {
          for (DropObject drop : plan.drops()) {
            rows.add(r.failed(drop, null, "not sent: the ownership guard could not list the gateway's catalogue: "
                + e.getMessage()));
          }
          return;
        }
      }
      if (send && inOneTransaction(plan, dialect) && dropsCommitted(r, plan)) {
        return;
      }
      for (DropObject drop : plan.drops()) {
        r.drop(drop);
      }
    } catch (SQLException e) {
      SQLException reason = e.getSQLState() != null && e.getSQLState().startsWith("08") ? e
          : gateway.unreachable(e);
      if (!send && rows.isEmpty()) {
        // EXPLAIN of an unreachable gateway: the statements, without the catalogue's verdict.
        r.context = gateway.context();
        r.unreachable = reason.getMessage();
        for (DropObject drop : plan.drops()) {
          r.drop(drop);
        }
        return;
      }
      for (int i = rows.size(); i < plan.drops().size(); i++) {
        rows.add(r.failed(plan.drops().get(i), null, reason.getMessage()));
      }
    }
  }

  /**
   * Whether an environment's drops on this gateway go out as one transaction: several views or schemas on an
   * engine whose DDL is transactional. Catalogs are left out (attaching and detaching DuckDB files cannot run in
   * a transaction, and their files are deleted after the statement).
   */
  private static boolean inOneTransaction(GatewayPlan plan, Dialect dialect) {
    return dialect.transactionalDdl() && plan.drops().size() > 1
        && plan.drops().stream().noneMatch(d -> d.kind() == ObjectKind.CATALOG);
  }

  /**
   * Sends an environment's drops as one transaction: one commit instead of one per statement (on DuckDB, one
   * sync of its write-ahead log instead of twenty for a table-target environment of twenty models). True once
   * committed. If a statement or the commit fails, everything is rolled back and false returned: the caller
   * then sends the statements one by one as without a transaction, so every row says what that statement alone
   * did, and whatever succeeds stays dropped. A statement that timed out is not sent again (its timeout
   * stands), so {@code janitor.statement_timeout} is never waited for twice.
   */
  private static boolean dropsCommitted(Run r, GatewayPlan plan) throws SQLException {
    Connection c = r.connection;
    c.setAutoCommit(false);
    r.inTransaction = true;
    try {
      for (DropObject drop : plan.drops()) {
        r.drop(drop);
      }
      c.commit();
      return true;
    } catch (RolledBack | SQLException e) {
      c.rollback();
      r.rows.clear();
      r.objects.clear();
      return false;
    } finally {
      r.inTransaction = false;
      c.setAutoCommit(true);
    }
  }

  /** A statement of a transaction failed: the transaction is to be rolled back and its statements sent again. */
  private static final class RolledBack extends RuntimeException {
    RolledBack() {
      super(null, null, false, false);
    }
  }

  /** One gateway's drops for one environment, in progress. */
  private static final class Run {
    final String environment;
    final Gateway gateway;
    final Dialect dialect;
    final DropMode mode;
    final boolean send;
    final List<ResultRow> rows;
    /** The object each row is about, row for row. */
    final List<DropObject> objects = new ArrayList<>();
    Connection connection;
    DialectContext context;
    OwnershipGuard guard;
    String unreachable;
    final int timeoutSeconds;
    /** Sending inside {@link #dropsCommitted}: a failed statement aborts the transaction. */
    boolean inTransaction;
    /** Statements that timed out inside a transaction since rolled back, with their failure rows. */
    final Map<String, ResultRow> timedOutInTransaction = new java.util.HashMap<>();

    Run(String environment, Gateway gateway, DropMode mode, boolean send, List<ResultRow> rows, int timeoutSeconds) {
      this.timeoutSeconds = timeoutSeconds;
      this.environment = environment;
      this.gateway = gateway;
      this.dialect = gateway.dialect();
      this.mode = mode;
      this.send = send;
      this.rows = rows;
    }

    void drop(DropObject drop) {
      if (drop.kind() == ObjectKind.CATALOG && !dialect.canDropCatalogs()) {
        rows.add(row(drop, dialect.quoteIdentifier(drop.catalog()), null, Status.WARNING, "left behind: "
            + dialect.name() + " cannot drop catalogs; drop catalog " + drop.catalog() + " by hand if it is no "
            + "longer needed", 0));
        return;
      }
      RenderedDrop rendered;
      try {
        rendered = dialect.renderDrop(drop, mode, context, guard == null ? List.of() : guard.contents(drop));
      } catch (UnsupportedDropException e) {
        rows.add(failed(drop, null, "Failed to drop the expired environment "
            + drop.kind().name().toLowerCase(Locale.ROOT) + " '" + SqlMeshNames.display(drop) + "': "
            + e.getMessage()));
        return;
      }
      boolean absent = false;
      if (guard != null && mode == DropMode.GUARDED) {
        List<String> foreign = guard.foreignObjects(drop);
        if (!foreign.isEmpty()) {
          rows.add(row(drop, rendered.objectName(), rendered.statements().get(0), Status.FAILED,
              (send ? "not sent: " : "would not be sent: ") + refusal(drop, rendered) + String.join(", ", foreign),
              0));
          return;
        }
        absent = !guard.exists(drop);
      }
      if (rendered.precondition() != null && !preconditionHolds(drop, rendered)) {
        return;
      }
      if (!send) {
        for (String sql : rendered.statements()) {
          rows.add(row(drop, rendered.objectName(), sql, Status.PLANNED, plannedMessage(drop, rendered, absent), 0));
        }
        return;
      }
      for (String sql : rendered.statements()) {
        ResultRow timedOutBefore = timedOutInTransaction.get(sql);
        if (timedOutBefore != null) {
          objects.add(drop);
          rows.add(timedOutBefore);
          return;
        }
        long start = System.nanoTime();
        try (Statement s = connection.createStatement()) {
          s.setQueryTimeout(timeoutSeconds);
          s.execute(sql);
        } catch (SQLException e) {
          ResultRow failed = row(drop, rendered.objectName(), sql, Status.FAILED, failure(e, start), elapsed(start));
          if (inTransaction) {
            if (failed.message().startsWith(TIMED_OUT)) {
              timedOutInTransaction.put(sql, failed);
            }
            throw new RolledBack();
          }
          rows.add(failed);
          return;
        }
        rows.add(row(drop, rendered.objectName(), sql, absent ? Status.SKIPPED : Status.DROPPED,
            absent ? "absent" : "dropped", elapsed(start)));
      }
      deleteFiles(rendered);
    }

    static final String TIMED_OUT = "timed out after ";

    /** The driver's message, saying so when the statement ran into {@code janitor.statement_timeout}. */
    private String failure(SQLException e, long startNanos) {
      boolean timedOut = e instanceof java.sql.SQLTimeoutException || (timeoutSeconds > 0
          && elapsed(startNanos) >= timeoutSeconds * 1000L - 50 && "57014".equals(e.getSQLState()));
      return timedOut ? TIMED_OUT + timeoutSeconds + " s (janitor.statement_timeout): " + e.getMessage()
          : e.getMessage();
    }

    /** Runs the check; when it finds nothing, the object is reported left behind and nothing is sent. */
    private boolean preconditionHolds(DropObject drop, RenderedDrop rendered) {
      if (connection == null) {
        return true;
      }
      try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(rendered.precondition().sql())) {
        if (rs.next()) {
          return true;
        }
        rows.add(row(drop, rendered.objectName(), rendered.precondition().sql(), Status.WARNING,
            rendered.precondition().leftBehind(), 0));
      } catch (SQLException e) {
        rows.add(row(drop, rendered.objectName(), rendered.precondition().sql(), Status.FAILED, e.getMessage(), 0));
      }
      return false;
    }

    private String plannedMessage(DropObject drop, RenderedDrop rendered, boolean absent) {
      List<String> notes = new ArrayList<>();
      if (unreachable != null) {
        notes.add("catalogue not checked: " + unreachable);
      } else if (absent) {
        notes.add("absent");
      }
      if (!rendered.filesToDelete().isEmpty()) {
        notes.add("then deletes " + rendered.filesToDelete().get(0));
      }
      return notes.isEmpty() ? null : String.join("; ", notes);
    }

    private String refusal(DropObject drop, RenderedDrop rendered) {
      String what = drop.kind().name().toLowerCase(Locale.ROOT) + " " + rendered.objectName();
      return drop.kind() == ObjectKind.VIEW ? "other objects depend on " + what + ": "
          : what + " holds objects environment '" + environment + "' does not own: ";
    }

    /** DuckDB catalog files, after a successful DETACH; the dialect only names files inside catalog_dir. */
    private void deleteFiles(RenderedDrop rendered) {
      List<String> deleted = new ArrayList<>();
      List<String> failures = new ArrayList<>();
      for (Path file : rendered.filesToDelete()) {
        try {
          if (Files.deleteIfExists(file)) {
            deleted.add(file.toString());
          }
        } catch (IOException e) {
          failures.add(file + ": " + e.getMessage());
        }
      }
      if (deleted.isEmpty() && failures.isEmpty()) {
        return;
      }
      ResultRow last = rows.remove(rows.size() - 1);
      String message = last.message();
      if (!deleted.isEmpty()) {
        message += "; deleted file " + String.join(", ", deleted);
      }
      Status status = last.status() == Status.SKIPPED && !deleted.isEmpty() ? Status.DROPPED : last.status();
      if (!failures.isEmpty()) {
        status = Status.FAILED;
        message += "; could not delete " + String.join(", ", failures);
      }
      rows.add(new ResultRow(last.environment(), last.gateway(), last.objectKind(), last.objectName(), last.sql(),
          status, message, last.elapsedMs()));
    }

    ResultRow failed(DropObject drop, String sql, String message) {
      String name;
      try {
        name = dialect.renderName(drop, context == null ? gateway.context() : context);
      } catch (UnsupportedDropException e) {
        name = SqlMeshNames.display(drop);
      }
      return row(drop, name, sql, Status.FAILED, message, 0);
    }

    private ResultRow row(DropObject drop, String name, String sql, Status status, String message, long ms) {
      objects.add(drop);
      return new ResultRow(environment, gateway.name(), drop.kind().name(), name, sql, status, message, ms);
    }
  }

  private static long elapsed(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
