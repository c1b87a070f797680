package dev.envsweep.core.meta;

import dev.envsweep.core.Envsweep;
import dev.envsweep.core.SqlStates;
import dev.envsweep.core.lifecycle.CleanupProgress;
import dev.envsweep.core.lifecycle.ResultPages;
import dev.envsweep.core.lifecycle.Values;
import dev.envsweep.core.model.ResultRow;
import dev.envsweep.core.model.Status;
import dev.envsweep.core.sql.EnvsweepParser;
import dev.envsweep.core.sql.Prefilter;
import dev.envsweep.core.sql.Prefilter.Route;
import dev.envsweep.core.sys.ColumnLabels;
import dev.envsweep.core.sql.SqlCancelStatement;
import dev.envsweep.core.sys.SystemSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.calcite.avatica.ConnectionPropertiesImpl;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.sql.SqlNode;

/**
 * One client connection: where each of its statements goes, and the connection to the default gateway that
 * forwarded statements share (so transactions, session settings and the engine's own errors are the engine's).
 * That connection is the client's own, outside envsweep's pool, so nothing a client sets reaches anyone else.
 * The gateway connection is opened on first need, so a session that only runs envsweep's statements or
 * {@code sys} queries holds none, and an unreachable warehouse is an error of the statement that needs it,
 * never of connecting.
 *
 * <p>Connection settings never fail: Avatica's client re-sends a setting the server refused with every later
 * call, so one refusal would break the connection. A catalog or schema the gateway refuses is left as it was
 * and the refusal is raised, with its SQLSTATE, by the next statement; {@code setReadOnly(true)} is enforced by
 * envsweep (only queries are forwarded, and its own statements that change state are refused); an isolation
 * level the gateway refuses is left as it was, which the getter then reports.
 */
final class Session implements AutoCloseable {
  /** Why envsweep's statements under {@code autoCommit=false} do not join the client's transaction. */
  static final String COMMITTED_AT_ONCE = "committed at once; ROLLBACK does not undo it";

  final String id;
  final Caller caller;
  final long connectedAt = System.currentTimeMillis();
  /** The client's own java.sql objects when it runs in this process; null for a remote client. */
  final InProcessClient inProcess;
  final Map<Integer, ServerStatement> statements = new ConcurrentHashMap<>();
  /** The statement running now, for {@code sys.sessions} and cancellation; null when idle. */
  final AtomicReference<Running> running = new AtomicReference<>();
  private final Envsweep envsweep;
  private final Sessions sessions;

  private Connection gateway;
  private Connection calcite;
  private boolean autoCommit = true;
  private boolean readOnly;
  private Integer isolation;
  private String catalog;
  private String schema;
  private SQLException refusedSetting;
  private SQLWarning warnings;
  private volatile long lastUsed = System.currentTimeMillis();

  Session(String id, Caller caller, InProcessClient inProcess, Envsweep envsweep, Sessions sessions) {
    this.id = id;
    this.caller = caller;
    this.inProcess = inProcess;
    this.envsweep = envsweep;
    this.sessions = sessions;
  }

  /** Notes that the client used the session now. */
  void touch() {
    lastUsed = System.currentTimeMillis();
  }

  long lastUsed() {
    return lastUsed;
  }

  // --- statements -------------------------------------------------------------------------------------------

  /**
   * Runs one statement's text where it belongs. {@code updateOnly}: the client ran it with
   * {@code executeUpdate}, so a statement of envsweep's, which returns rows, is refused before it runs.
   */
  Result execute(String sql, long maxRows, boolean updateOnly, Running run) throws SQLException {
    raiseRefusedSetting();
    Route route = route(sql);
    if (updateOnly && route != Route.FORWARD) {
      throw returnsRows();
    }
    switch (route) {
      case LIFECYCLE:
        return runOurs(EnvsweepParser.parseLifecycle(sql), List.of(), run);
      case SYSTEM_QUERY: {
        Statement s = calcite().createStatement();
        run.watch(s);
        try {
          return new Result.Rows(s.executeQuery(sql), s, ColumnLabels.of(sql));
        } catch (SQLException | RuntimeException | ExceptionInInitializerError e) {
          Closing.quietly(s);
          throw SystemSchema.translate(e);
        }
      }
      default: {
        checkForwardAllowed(sql);
        Statement s = gateway().createStatement();
        run.watch(s);
        try {
          if (maxRows > 0) {
            limitRows(s, maxRows);
          }
          if (s.execute(sql)) {
            return new Result.Rows(s.getResultSet(), s);
          }
          // DuckDB reports -1 after DDL, which Avatica's client takes for "rows follow".
          long count = Math.max(0, s.getLargeUpdateCount());
          s.close();
          return Result.count(count);
        } catch (SQLException e) {
          Closing.quietly(s);
          throw gatewayError(e);
        }
      }
    }
  }

  /** Tells the engine the row limit, so it can stop early; envsweep caps the rows it sends either way. */
  private static void limitRows(Statement s, long maxRows) {
    try {
      s.setMaxRows((int) Math.min(Integer.MAX_VALUE, maxRows));
    } catch (SQLException | RuntimeException e) {
      // a driver without row limits sends them all; envsweep stops at the limit
    }
  }

  /**
   * Prepares one statement where it belongs: parsed once, its result columns and parameters known at once.
   * A statement that cannot be prepared fails when executed instead: Avatica's remote client keeps only the
   * SQLSTATE of an error raised while preparing ("while preparing SQL: ..."), and raised at execution the client
   * sees the whole message (the line and column of a syntax error, the engine's own words).
   */
  Prepared prepare(String sql) {
    try {
      Route route = route(sql);
      return switch (route) {
        case LIFECYCLE -> Prepared.ours(sql, EnvsweepParser.parseLifecycle(sql));
        case SYSTEM_QUERY -> Prepared.systemQuery(sql, prepareSystemQuery(sql));
        case FORWARD -> {
          checkForwardAllowed(sql);
          yield Prepared.forwarded(sql, prepareForwarded(sql));
        }
      };
    } catch (SQLException e) {
      return Prepared.refused(sql, e);
    }
  }

  PreparedStatement prepareForwarded(String sql) throws SQLException {
    try {
      return gateway().prepareStatement(sql);
    } catch (SQLException e) {
      throw gatewayError(e);
    }
  }

  private PreparedStatement prepareSystemQuery(String sql) throws SQLException {
    try {
      return calcite().prepareStatement(sql);
    } catch (SQLException | RuntimeException | ExceptionInInitializerError e) {
      throw SystemSchema.translate(e);
    }
  }

  static SQLException returnsRows() {
    return new SQLException("this statement returns rows: run it with execute() or executeQuery()", "07000");
  }

  /**
   * Runs a parsed envsweep statement with its bound values; its rows come back as pages. A cleanup it runs stops
   * before its next environment once the run is stopped.
   */
  Result runOurs(SqlNode node, List<Object> values, Running run) throws SQLException {
    if (node instanceof SqlCancelStatement cancel) {
      return cancel(Values.string(cancel.sessionId(), values, cancel.call().describe("session_id")));
    }
    boolean changesState = Statements.changesState(node);
    if (readOnly && changesState) {
      throw new SQLException("cannot run " + Statements.name(node) + " on a read-only connection "
          + "(setReadOnly(true)); only queries and EXPLAIN are allowed", SqlStates.READ_ONLY);
    }
    CleanupProgress progress = new CleanupProgress() {
      @Override
      public void environmentDone(String name, List<ResultRow> rows) {}

      @Override
      public boolean stopRequested() {
        return run.stopped();
      }

      @Override
      public void detached() {
        run.detach();
      }

      @Override
      public void ended() {
        run.end();
      }
    };
    ResultPages pages = envsweep.executor().execute(node, values, progress);
    String note = null;
    if (!autoCommit && changesState) {
      note = COMMITTED_AT_ONCE;
      addWarning(new SQLWarning(Statements.name(node) + " " + COMMITTED_AT_ONCE + " (envsweep commits its "
          + "statements on its own connections whatever the client's autocommit)", "01000"));
    }
    return new Result.Pages(pages, note, run);
  }

  /** {@code CALL sys.cancel_statement}: one row saying what was stopped, or that the session was idle. */
  private Result cancel(String sessionId) throws SQLException {
    Running stopped = sessions.cancel(sessionId);
    ResultRow row = stopped == null
        ? new ResultRow(null, null, "SESSION", sessionId, null, Status.SKIPPED, "idle: no statement to stop", 0)
        : new ResultRow(null, null, "SESSION", sessionId, stopped.sql, Status.CANCELLED, "stopped after "
            + (System.currentTimeMillis() - stopped.startedAt) + " ms; its client gets 57014", 0);
    return new Result.Pages(ResultPages.of(List.of(row)), null);
  }

  /** The route of a statement, refused before anything runs when the text or the caller does not allow it. */
  private Route route(String sql) throws SQLException {
    if (sql.indexOf('\0') >= 0) {
      // No engine accepts NUL in SQL text, and PostgreSQL's wire protocol ends the message there: the server
      // would read a malformed message and close the connection.
      throw new SQLException("invalid byte sequence: the statement contains a NUL character (U+0000) at "
          + "position " + (sql.indexOf('\0') + 1), SqlStates.CHARACTER_NOT_IN_REPERTOIRE);
    }
    Route route = Prefilter.route(sql);
    if (caller != null && caller.readOnly() && route != Route.SYSTEM_QUERY) {
      throw new SQLException("user '" + caller.user() + "' is read-only: only queries over sys.* are allowed",
          SqlStates.INSUFFICIENT_PRIVILEGE);
    }
    return route;
  }

  /**
   * On a read-only connection only queries are forwarded: not every gateway enforces read-only itself (DuckDB
   * cannot make an open connection read-only; PostgreSQL's driver does so only inside transactions).
   */
  private void checkForwardAllowed(String sql) throws SQLException {
    if (readOnly && !Prefilter.isQuery(sql)) {
      throw new SQLException("cannot run this statement on a read-only connection (setReadOnly(true)): only "
          + "queries are forwarded to gateway '" + envsweep.gateways().defaultName() + "'", SqlStates.READ_ONLY);
    }
  }

  private void raiseRefusedSetting() throws SQLException {
    SQLException refused = refusedSetting;
    if (refused != null) {
      refusedSetting = null;
      throw refused;
    }
  }

  /**
   * An error of the default gateway, given the SQLSTATE its dialect assigns when the driver set none (DuckDB's),
   * so every client sees one; the engine's message is kept. A connection the failure broke is given up, and the
   * next statement opens a new one.
   */
  SQLException gatewayError(SQLException e) {
    String state = e.getSQLState() != null && e.getSQLState().length() == 5 ? e.getSQLState()
        : envsweep.gateways().defaultGateway().dialect().driver().sqlStateOf(e);
    String message = e.getMessage();
    if (gateway != null && isBroken(gateway)) {
      Closing.quietly(gateway);
      gateway = null;
      message += " (the connection to gateway '" + envsweep.gateways().defaultName() + "' was lost; the next "
          + "statement opens a new one, without this one's transaction)";
      state = state != null ? state : "08006";
    }
    if (state == null) {
      state = SqlStates.INTERNAL_ERROR;
    }
    return message.equals(e.getMessage()) && state.equals(e.getSQLState()) ? e
        : new SQLException(message, state, e.getErrorCode(), e);
  }

  private static boolean isBroken(Connection c) {
    try {
      return c.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  // --- the connections behind the session --------------------------------------------------------------------

  /** The connection to the default gateway, opened on first use with the settings the client asked for. */
  synchronized Connection gateway() throws SQLException {
    if (gateway == null || gateway.isClosed()) {
      Connection c = envsweep.gateways().defaultGateway().clientConnection();
      try {
        c.setAutoCommit(autoCommit);
        if (readOnly) {
          trySetReadOnly(c, true);
        }
        if (isolation != null) {
          trySetIsolation(c, isolation);
        }
        if (catalog != null) {
          refuseUnless(() -> c.setCatalog(catalog), "catalog", catalog, SqlStates.INVALID_CATALOG_NAME);
        }
        if (schema != null) {
          refuseUnless(() -> c.setSchema(schema), "schema", schema, SqlStates.INVALID_SCHEMA_NAME);
        }
      } catch (SQLException | RuntimeException e) {
        Closing.quietly(c);
        throw e;
      }
      gateway = c;
    }
    return gateway;
  }

  /** The Calcite connection holding the {@code sys} schema, made on first use. */
  synchronized Connection calcite() throws SQLException {
    if (calcite == null) {
      calcite = SystemSchema.connect(envsweep, sessions);
    }
    return calcite;
  }

  // --- connection settings -------------------------------------------------------------------------------------

  /** Applies the settings the client changed and answers with what is now in force. */
  synchronized Meta.ConnectionProperties sync(Meta.ConnectionProperties wanted) {
    Connection open = openGatewayQuietly();
    if (wanted.isAutoCommit() != null && wanted.isAutoCommit() != autoCommit) {
      autoCommit = wanted.isAutoCommit();
      if (open != null) {
        try {
          open.setAutoCommit(autoCommit);
        } catch (SQLException e) {
          refusedSetting = gatewayError(e);
        }
      }
    }
    if (wanted.isReadOnly() != null && wanted.isReadOnly() != readOnly) {
      readOnly = wanted.isReadOnly();
      if (open != null) {
        trySetReadOnly(open, readOnly);
      }
    }
    if (wanted.getTransactionIsolation() != null) {
      isolation = wanted.getTransactionIsolation();
      if (open != null) {
        trySetIsolation(open, isolation);
      }
    }
    if (wanted.getCatalog() != null && !wanted.getCatalog().equals(current(open, Connection::getCatalog))) {
      if (open == null) {
        catalog = wanted.getCatalog();
      } else {
        refuseUnless(() -> open.setCatalog(wanted.getCatalog()), "catalog", wanted.getCatalog(),
            SqlStates.INVALID_CATALOG_NAME);
      }
    }
    if (wanted.getSchema() != null && !wanted.getSchema().equals(current(open, Connection::getSchema))) {
      if (open == null) {
        schema = wanted.getSchema();
      } else {
        refuseUnless(() -> open.setSchema(wanted.getSchema()), "schema", wanted.getSchema(),
            SqlStates.INVALID_SCHEMA_NAME);
      }
    }
    ConnectionPropertiesImpl now = new ConnectionPropertiesImpl(autoCommit, readOnly,
        open != null ? current(open, Connection::getTransactionIsolation) : isolation,
        open != null ? current(open, Connection::getCatalog) : catalog,
        open != null ? current(open, Connection::getSchema) : schema);
    now.setDirty(false);
    return now;
  }

  /** The gateway connection, opened if need be; null when it cannot be opened now. */
  Connection openGatewayQuietly() {
    try {
      return gateway();
    } catch (SQLException | RuntimeException e) {
      // Unreachable now: the settings apply when a statement opens it, and that statement reports the failure.
      return null;
    }
  }

  private interface Getter<T> {
    T get(Connection c) throws SQLException;
  }

  private static <T> T current(Connection c, Getter<T> getter) {
    if (c == null) {
      return null;
    }
    try {
      return getter.get(c);
    } catch (SQLException | RuntimeException e) {
      return null;
    }
  }

  private interface Setting {
    void apply() throws SQLException;
  }

  /** Applies a setting; a refusal is kept for the next statement to raise, and the setting stays as it was. */
  private void refuseUnless(Setting setting, String what, String value, String state) {
    try {
      setting.apply();
    } catch (SQLException | RuntimeException e) {
      refusedSetting = new SQLException("the connection's " + what + " was not set to '" + value + "': "
          + e.getMessage(), state, e);
    }
  }

  private static void trySetReadOnly(Connection c, boolean readOnly) {
    try {
      c.setReadOnly(readOnly);
    } catch (SQLException | RuntimeException e) {
      // envsweep enforces it anyway (see checkForwardAllowed)
    }
  }

  private static void trySetIsolation(Connection c, int level) {
    try {
      c.setTransactionIsolation(level);
    } catch (SQLException | RuntimeException e) {
      // left as it was; the client reads the level in force back
    }
  }

  /**
   * COMMIT and ROLLBACK of the client's transaction on the default gateway. With autocommit on there is none:
   * nothing happens, as PostgreSQL answers a COMMIT outside a transaction with a warning and no error (Avatica's
   * client would report an error here as a RuntimeException without SQLSTATE).
   */
  synchronized void endTransaction(boolean commit) throws SQLException {
    if (autoCommit || gateway == null) {
      return;
    }
    try {
      if (commit) {
        gateway.commit();
      } else {
        gateway.rollback();
      }
    } catch (SQLException e) {
      throw gatewayError(e);
    }
  }

  // --- warnings, for in-process clients -----------------------------------------------------------------------

  synchronized void addWarning(SQLWarning warning) {
    if (warnings == null) {
      warnings = warning;
    } else {
      warnings.setNextWarning(warning);
    }
  }

  synchronized SQLWarning warnings() {
    return warnings;
  }

  synchronized void clearWarnings() {
    warnings = null;
  }

  @Override
  public synchronized void close() {
    statements.values().forEach(ServerStatement::close);
    statements.clear();
    if (gateway != null && !autoCommit) {
      try {
        gateway.rollback();
      } catch (SQLException ignored) {
        // closing anyway; the pool resets the connection
      }
    }
    Closing.quietly(gateway);
    Closing.quietly(calcite);
    gateway = null;
    calcite = null;
  }
}
