package dev.envsweep.server;

import static dev.envsweep.server.Main.ERROR;
import static dev.envsweep.server.Main.OK;
import static dev.envsweep.server.Main.ROWS_WITH_PROBLEMS;

import dev.envsweep.core.Envsweep;
import dev.envsweep.core.config.ConfigException;
import dev.envsweep.core.state.EnvsweepTables;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that runs one statement, in-process or through a server, prints its rows and ends with a summary
 * line; exit 0 clean, 2 FAILED or WARNING rows, 1 an error. Its arguments are checked before anything is opened,
 * and what the user typed reaches the statement only as parameters, never as SQL text.
 */
abstract class StatementCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin Target target = new Target();

  @Mixin OutputOptions output = new OutputOptions();

  /** The statement, with {@code ?} for every user-typed value; a usage error is a ParameterException. */
  abstract String sql();

  abstract List<Object> parameters();

  /** Whether this statement cleans environments up: it gets a progress display and an orphan count. */
  boolean cleansUp() {
    return false;
  }

  @Override
  public Integer call() {
    String sql = sql();
    List<Object> params = parameters();
    PrintStream out = System.out;
    String name = spec.qualifiedName(" ").replaceFirst("^envsweep ", "");
    RowPrinter printer = RowPrinter.of(output, out, System.err);
    Summary summary = new Summary(name);
    long start = System.nanoTime();
    Connection c;
    try {
      c = Connections.open(target, output.verbose);
    } catch (ConfigException e) {
      return Main.fail(e.getMessage());
    } catch (SQLException e) {
      return Main.fail(e);
    } catch (RuntimeException e) {
      // Avatica's client reports HTTP 401/403 and unreachable servers this way, not as SQLExceptions.
      return Main.fail(String.valueOf(e.getMessage()));
    }
    int exit = ERROR;
    String error = null;
    java.util.concurrent.CompletableFuture<Long> expired = cleansUp() && !output.quiet ? expiredTotal(c)
        : java.util.concurrent.CompletableFuture.completedFuture(-1L);
    try (c) {
      Progress progress = cleansUp() ? Progress.start(name, () -> expired.getNow(-1L), output, System.err)
          : Progress.NONE;
      try (progress; PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < params.size(); i++) {
          ps.setObject(i + 1, params.get(i));
        }
        Connections.note(output.verbose, "statement: " + sql + (params.isEmpty() ? "" : " parameters: " + params));
        try (ResultSet rs = ps.executeQuery()) {
          Results.stream(rs, printer, summary, progress);
        }
        exit = summary.problems() ? ROWS_WITH_PROBLEMS : OK;
      } catch (SQLException e) {
        error = Main.describe(e);
        exit = ERROR;
      } catch (RuntimeException e) {
        error = String.valueOf(e.getMessage());
        exit = ERROR;
      }
      if (cleansUp()) {
        summary.orphans(orphans(c));
      }
    } catch (SQLException e) {
      // Closing the connection failed after the statement; its outcome stands.
    }
    summary.finish((System.nanoTime() - start) / 1_000_000, exit, error);
    if (error != null) {
      Main.fail(error);
    }
    printer.summary(summary);
    out.flush();
    return exit;
  }

  /**
   * The progress's total: expired environments before the cleanup starts, -1 while unknown. In-process it is
   * read straight from the state store, in two aggregate queries. Through a server it is a {@code sys} query, on
   * a second connection and a thread of its own, so that the cleanup never waits for it. Never a {@code sys}
   * query in-process: a fresh process's first one starts Calcite, which costs about a second of CPU (measured,
   * 0.5 s of a 5.5 s {@code cleanup} of 1,000 environments on two cores).
   */
  private java.util.concurrent.CompletableFuture<Long> expiredTotal(Connection c) {
    Envsweep local = inProcess(c);
    if (local == null) {
      return java.util.concurrent.CompletableFuture.supplyAsync(this::expiredOnItsOwnConnection, COUNTS);
    }
    try {
      return java.util.concurrent.CompletableFuture.completedFuture(
          local.environmentCounts(local.state().now()).expired());
    } catch (SQLException | RuntimeException e) {
      return java.util.concurrent.CompletableFuture.completedFuture(-1L);
    }
  }

  /** Objects in {@code sys.orphans}, for the summary: from the state store in-process (as above); null if unread. */
  private static Long orphans(Connection c) {
    Envsweep local = inProcess(c);
    if (local == null) {
      return count(c, "SELECT count(*) FROM sys.orphans");
    }
    try {
      return local.tables().orphanCounts().stream().mapToLong(EnvsweepTables.OrphanCount::count).sum();
    } catch (SQLException | RuntimeException e) {
      return null;
    }
  }

  /** The envsweep under an in-process connection; null for a server's. */
  private static Envsweep inProcess(Connection c) {
    try {
      return c.isWrapperFor(Envsweep.class) ? c.unwrap(Envsweep.class) : null;
    } catch (SQLException e) {
      return null;
    }
  }

  /** Where a server's progress total is read: a daemon thread, so an unfinished count never holds the process. */
  private static final java.util.concurrent.Executor COUNTS = r -> {
    Thread t = new Thread(r, "envsweep-count");
    t.setDaemon(true);
    t.start();
  };

  /** Expired environments now, on a connection of its own to the server; -1 when that cannot be read. */
  private long expiredOnItsOwnConnection() {
    try (Connection own = Connections.open(target, false)) {
      Long n = count(own, "SELECT count(*) FROM sys.environments WHERE status = 'EXPIRED'");
      return n == null ? -1 : n;
    } catch (SQLException | ConfigException | RuntimeException e) {
      return -1;
    }
  }

  /** A count for the summary or the progress; null when it cannot be read (it never fails the command). */
  private static Long count(Connection c, String sql) {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getLong(1) : null;
    } catch (SQLException | RuntimeException e) {
      return null;
    }
  }
}
