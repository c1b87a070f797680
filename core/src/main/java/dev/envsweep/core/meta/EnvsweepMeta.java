package dev.envsweep.core.meta;

import dev.envsweep.core.Envsweep;
import dev.envsweep.core.sql.Prefilter;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.proto.Common;
import org.apache.calcite.avatica.proto.Requests;
import org.apache.calcite.avatica.remote.ProtobufMeta;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * envsweep's one seam to clients: an Avatica {@link org.apache.calcite.avatica.Meta} that routes every statement
 * of every client connection. envsweep's statements are parsed and run by the lifecycle, queries over
 * {@code sys.*} by Calcite over the state store, and everything else goes byte for byte to the default gateway.
 * The HTTP server serves it through Avatica's {@code LocalService}; the in-process driver
 * ({@code jdbc:envsweep:}) calls it directly, as Calcite's driver calls its own Meta, so every {@code java.sql}
 * object a user holds is Avatica's and both paths run this code.
 *
 * <p>Rows reach the client a frame at a time (at least {@link #MIN_FRAME_ROWS}: the stock remote driver asks
 * for 100, one HTTP round trip each), read from where they are, so memory never grows with a result. Every
 * error reaches the client as an SQLException with an SQLSTATE, and none closes the client's statement or
 * connection.
 */
public final class EnvsweepMeta implements ProtobufMeta, AutoCloseable {
  /** Fewest rows a frame carries, unless the statement's row limit or the result ends it sooner. */
  static final int MIN_FRAME_ROWS = 1_000;
  /** How often a running in-process statement's cancel flag is looked at. */
  private static final long CANCEL_POLL_MILLIS = 50;

  private final Envsweep envsweep;
  private final Metadata metadata;
  private final Duration statementTimeout;
  private final Sessions sessions = new Sessions();
  private final AtomicInteger statementIds = new AtomicInteger();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "envsweep-sessions");
    t.setDaemon(true);
    return t;
  });

  /**
   * How long a remote client's connection may go unused before the server closes it (its gateway connection,
   * and on DuckDB its hold on the file, with it): a client that went away without closing must not hold them
   * for ever. Ten minutes, as Avatica's own JDBC server; in-process connections are their application's to close.
   */
  public static final Duration IDLE_SESSION_TIMEOUT = Duration.ofMinutes(10);

  /** {@code statementTimeout}: the longest any client statement may run, or null for no limit. */
  public EnvsweepMeta(Envsweep envsweep, Duration statementTimeout) {
    this(envsweep, statementTimeout, IDLE_SESSION_TIMEOUT);
  }

  EnvsweepMeta(Envsweep envsweep, Duration statementTimeout, Duration idleSessionTimeout) {
    this.envsweep = envsweep;
    this.metadata = new Metadata(envsweep.gateways().defaultGateway().dialect());
    this.statementTimeout = statementTimeout;
    long every = Math.max(10, Math.min(60_000, idleSessionTimeout.toMillis() / 4));
    timer.scheduleWithFixedDelay(() -> closeIdle(idleSessionTimeout.toMillis()), every, every,
        TimeUnit.MILLISECONDS);
  }

  /** Closes remote sessions that have run nothing and been asked nothing for {@code idleMillis}. */
  private void closeIdle(long idleMillis) {
    long now = System.currentTimeMillis();
    for (Session s : List.copyOf(sessions.all())) {
      if (s.inProcess == null && s.running.get() == null && now - s.lastUsed() > idleMillis) {
        sessions.remove(s.id);
        s.close();
      }
    }
  }

  public Envsweep envsweep() {
    return envsweep;
  }

  // --- connections ----------------------------------------------------------------------------------------------

  @Override
  public void openConnection(ConnectionHandle ch, Map<String, String> info) {
    open(new Session(ch.id, Caller.current(), null, envsweep, sessions));
  }

  /** Opens an in-process client's connection, whose own objects tell what the protocol does not carry. */
  void openInProcess(ConnectionHandle ch, InProcessClient client, Caller caller) {
    open(new Session(ch.id, caller, client, envsweep, sessions));
  }

  /**
   * A new session holds its gateway connection from the start, as a connection to the engine itself would (a
   * connected client keeps a DuckDB file the server's, so a second process is told it is in use); a gateway
   * that cannot be reached now is the error of the first statement that needs it, not of connecting.
   */
  private void open(Session s) {
    if (sessions.add(s)) {
      s.openGatewayQuietly();
    }
  }

  @Override
  public void closeConnection(ConnectionHandle ch) {
    Session s = sessions.remove(ch.id);
    if (s != null) {
      s.close();
    }
  }

  @Override
  public ConnectionProperties connectionSync(ConnectionHandle ch, ConnectionProperties connProps) {
    return session(ch.id).sync(connProps);
  }

  @Override
  public void commit(ConnectionHandle ch) {
    try {
      session(ch.id).endTransaction(true);
    } catch (SQLException e) {
      throw ClientErrors.toClient(e);
    }
  }

  @Override
  public void rollback(ConnectionHandle ch) {
    try {
      session(ch.id).endTransaction(false);
    } catch (SQLException e) {
      throw ClientErrors.toClient(e);
    }
  }

  /** The warnings of an in-process connection, and clearing them. */
  java.sql.SQLWarning warnings(ConnectionHandle ch, boolean clear) {
    Session s = sessions.get(ch.id);
    if (s == null) {
      return null;
    }
    java.sql.SQLWarning w = s.warnings();
    if (clear) {
      s.clearWarnings();
    }
    return w;
  }

  /** Whether a client connection is open, without counting the question as its use. */
  boolean isOpen(String connectionId) {
    return sessions.get(connectionId) != null;
  }

  private Session session(String connectionId) {
    Session s = sessions.get(connectionId);
    if (s == null) {
      throw new NoSuchConnectionException(connectionId);
    }
    s.touch();
    return s;
  }

  // --- statements -----------------------------------------------------------------------------------------------

  @Override
  public StatementHandle createStatement(ConnectionHandle ch) {
    ServerStatement st = newStatement(session(ch.id));
    return new StatementHandle(ch.id, st.id, null);
  }

  private ServerStatement newStatement(Session s) {
    ServerStatement st = new ServerStatement(statementIds.incrementAndGet());
    s.statements.put(st.id, st);
    return st;
  }

  @Override
  public void closeStatement(StatementHandle h) {
    Session s = sessions.get(h.connectionId);
    ServerStatement st = s == null ? null : s.statements.remove(h.id);
    if (st != null) {
      st.close();
    }
  }

  @Override
  public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    Session s = session(ch.id);
    ServerStatement st = newStatement(s);
    Prepared p = s.prepare(sql);
    st.prepared(p);
    return new StatementHandle(ch.id, st.id, signature(sql, p.columns(), p.parameters()));
  }

  @Override
  @SuppressWarnings("deprecation")
  public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, PrepareCallback callback)
      throws NoSuchStatementException {
    return prepareAndExecute(h, sql, maxRowCount, (int) Math.min(Integer.MAX_VALUE, maxRowCount), callback);
  }

  @Override
  public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, int maxRowsInFirstFrame,
      PrepareCallback callback) throws NoSuchStatementException {
    Session s = session(h.connectionId);
    ServerStatement st = statement(s, h);
    long maxRows = maxRows(s, h, maxRowCount);
    boolean updateOnly = s.inProcess != null && s.inProcess.updateOnly(h.id);
    Result r = run(s, st, sql, run -> s.execute(sql, maxRows, updateOnly, run));
    MetaResultSet result = open(s, st, r, maxRows, maxRowsInFirstFrame, sql, List.of(), false);
    try {
      synchronized (callback.getMonitor()) {
        callback.clear();
        callback.assign(result.signature, result.firstFrame, result.updateCount);
      }
      callback.execute();
    } catch (SQLException e) {
      throw ClientErrors.toClient(e);
    }
    return new ExecuteResult(List.of(result));
  }

  @Override
  @SuppressWarnings("deprecation")
  public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, long maxRowCount)
      throws NoSuchStatementException {
    return execute(h, parameterValues, (int) Math.min(Integer.MAX_VALUE, maxRowCount));
  }

  @Override
  public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
      throws NoSuchStatementException {
    Session s = session(h.connectionId);
    ServerStatement st = statement(s, h);
    Prepared p = st.prepared();
    if (p == null) {
      throw new NoSuchStatementException(h);
    }
    long maxRows = maxRows(s, h, -1);
    List<TypedValue> values = parameterValues == null ? List.of() : parameterValues;
    // Avatica's client sends no signature when it runs a prepared statement with executeUpdate.
    boolean updateOnly = h.signature == null;
    Result r = run(s, st, p.sql(), run -> {
      if (updateOnly && (p instanceof Prepared.Ours || p instanceof Prepared.SystemQuery)) {
        throw Session.returnsRows();
      }
      return p.execute(s, values, run);
    });
    return new ExecuteResult(List.of(open(s, st, r, maxRows, maxRowsInFirstFrame, p.sql(), p.parameters(),
        false)));
  }

  @Override
  public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands)
      throws NoSuchStatementException {
    Session s = session(h.connectionId);
    ServerStatement st = statement(s, h);
    long[] counts = new long[sqlCommands.size()];
    for (int i = 0; i < counts.length; i++) {
      String sql = sqlCommands.get(i);
      Result r = run(s, st, sql, run -> s.execute(sql, -1, true, run));
      try (r) {
        counts[i] = Math.max(0, r.updateCount());
      }
    }
    return new ExecuteBatchResult(counts);
  }

  @Override
  public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> parameterValues)
      throws NoSuchStatementException {
    Session s = session(h.connectionId);
    ServerStatement st = statement(s, h);
    if (!(st.prepared() instanceof Prepared.Forwarded forwarded)) {
      throw ClientErrors.toClient(st.prepared() instanceof Prepared.Refused refused ? refused.error()
          : new SQLException("only statements forwarded to the gateway run in batches; envsweep's statements and "
              + "sys queries return rows", "0A000"));
    }
    long[] counts = new long[parameterValues.size()];
    for (int i = 0; i < counts.length; i++) {
      List<TypedValue> values = parameterValues.get(i);
      Result r = run(s, st, forwarded.sql(), run -> forwarded.execute(s, values, run));
      try (r) {
        counts[i] = Math.max(0, r.updateCount());
      }
    }
    return new ExecuteBatchResult(counts);
  }

  @Override
  public ExecuteBatchResult executeBatchProtobuf(StatementHandle h, List<Requests.UpdateBatch> parameterValues)
      throws NoSuchStatementException {
    List<List<TypedValue>> batches = new ArrayList<>(parameterValues.size());
    for (Requests.UpdateBatch batch : parameterValues) {
      List<TypedValue> values = new ArrayList<>(batch.getParameterValuesCount());
      for (Common.TypedValue v : batch.getParameterValuesList()) {
        values.add(TypedValue.fromProto(v));
      }
      batches.add(values);
    }
    return executeBatch(h, batches);
  }

  @Override
  public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
      throws NoSuchStatementException, MissingResultsException {
    Session s = session(h.connectionId);
    ServerStatement st = statement(s, h);
    if (st.result() == null) {
      if (offset > 0 && offset >= st.sent()) {
        return Frame.create(offset, true, List.of());
      }
      throw new MissingResultsException(h);
    }
    try {
      return frame(st, offset, fetchMaxRowCount);
    } catch (SQLException e) {
      st.closeResult();
      throw ClientErrors.toClient(e);
    }
  }

  @Override
  public Iterable<Object> createIterable(StatementHandle h, QueryState state, Signature signature,
      List<TypedValue> parameters, Frame firstFrame) {
    return () -> new FrameIterator(h, firstFrame);
  }

  @Override
  public boolean syncResults(StatementHandle sh, QueryState state, long offset) {
    return false;
  }

  private ServerStatement statement(Session s, StatementHandle h) throws NoSuchStatementException {
    ServerStatement st = s.statements.get(h.id);
    if (st == null) {
      throw new NoSuchStatementException(h);
    }
    return st;
  }

  /** The statement's row limit: the client's, sent with a plain statement or known in-process; 0 for none. */
  private static long maxRows(Session s, StatementHandle h, long sent) {
    long limit = sent > 0 ? sent : 0;
    if (s.inProcess != null && limit == 0) {
      limit = Math.max(0, s.inProcess.maxRows(h.id));
    }
    return limit;
  }

  /** One execution's work; it may be stopped through {@code run}. */
  private interface Work {
    Result run(Running run) throws SQLException;
  }

  /**
   * Runs one execution of a statement: the statement's previous result is closed, the run is visible to
   * {@code sys.sessions} and stoppable while it lasts, and past its time limit (the client's query timeout,
   * in-process; {@code server.statement_timeout}) it is stopped with 57014.
   */
  private Result run(Session s, ServerStatement st, String sql, Work work) {
    st.closeResult();
    Running run = new Running(sql);
    s.running.set(run);
    if (s.inProcess != null) {
      s.inProcess.resetCancel(st.id);
    }
    ScheduledFuture<?> deadline = timeout(s, st, run);
    ScheduledFuture<?> watch = s.inProcess == null ? null : timer.scheduleWithFixedDelay(() -> {
      if (s.inProcess.cancelRequested(st.id)) {
        run.stop("user request");
      }
    }, CANCEL_POLL_MILLIS, CANCEL_POLL_MILLIS, TimeUnit.MILLISECONDS);
    Result[] answered = new Result[1];
    try {
      // Work that ended before a stop could reach it answers as it ended.
      answered[0] = work.run(run);
      return answered[0];
    } catch (SQLException e) {
      SQLException shown = run.stopped() ? run.stoppedError(e) : e;
      StatementLog.failed(s, sql, shown, Prefilter.route(sql) == Prefilter.Route.LIFECYCLE, run.startedAt);
      throw ClientErrors.toClient(shown);
    } catch (RuntimeException e) {
      if (run.stopped()) {
        StatementLog.failed(s, sql, run.stoppedError(null), true, run.startedAt);
        throw ClientErrors.toClient(run.stoppedError(null));
      }
      StatementLog.internal(s, sql, e, run.startedAt);
      throw ClientErrors.internal(e);
    } finally {
      s.touch();
      // A streamed cleanup is still running, listed and stoppable, after its first rows: until it ends.
      run.whenEnded(() -> {
        if (answered[0] != null) {
          StatementLog.answered(s, sql, answered[0], run.startedAt);
        }
        if (deadline != null) {
          deadline.cancel(false);
        }
        if (watch != null) {
          watch.cancel(false);
        }
        s.running.compareAndSet(run, null);
      });
    }
  }

  private ScheduledFuture<?> timeout(Session s, ServerStatement st, Running run) {
    long millis = statementTimeout == null ? 0 : statementTimeout.toMillis();
    String because = "statement timeout (server.statement_timeout " + statementTimeout + ")";
    if (s.inProcess != null) {
      int seconds = s.inProcess.queryTimeoutSeconds(st.id);
      if (seconds > 0 && (millis == 0 || seconds * 1000L < millis)) {
        millis = seconds * 1000L;
        because = "statement timeout (setQueryTimeout(" + seconds + "))";
      }
    }
    if (millis <= 0) {
      return null;
    }
    String reason = because;
    return timer.schedule(() -> run.stop(reason), millis, TimeUnit.MILLISECONDS);
  }

  /**
   * The result of an execution as the client first sees it: an update count, or the signature and first frame
   * of rows; the rest stays open on the statement for {@link #fetch}.
   */
  private MetaResultSet open(Session s, ServerStatement st, Result r, long maxRows, int firstFrameRows, String sql,
      List<AvaticaParameter> parameters, boolean ownStatement) {
    if (r.updateCount() >= 0) {
      r.close();
      return MetaResultSet.count(s.id, st.id, r.updateCount());
    }
    st.open(r, maxRows);
    try {
      Frame first = frame(st, 0, firstFrameRows);
      return MetaResultSet.create(s.id, st.id, ownStatement, signature(sql, r.columns(), parameters), first);
    } catch (SQLException e) {
      st.closeResult();
      throw ClientErrors.toClient(e);
    }
  }

  private static Signature signature(String sql, List<org.apache.calcite.avatica.ColumnMetaData> columns,
      List<AvaticaParameter> parameters) {
    return new Signature(columns, sql, parameters, null, CursorFactory.LIST, StatementType.SELECT);
  }

  /** The next frame of the statement's open result; once it is done, the result is closed. */
  private static Frame frame(ServerStatement st, long offset, int asked) throws SQLException {
    Result r = st.result();
    int rows = st.allowance(Math.max(asked, MIN_FRAME_ROWS));
    List<Object> out = rows > 0 ? r.next(rows) : List.of();
    st.sent(out.size());
    boolean done = r.done() || st.limitReached();
    if (done) {
      st.closeResult();
    }
    return Frame.create(offset, done, out);
  }

  /** The rows of an in-process result set: its first frame, then each next one fetched as it is read. */
  private final class FrameIterator implements Iterator<Object> {
    private final StatementHandle h;
    private Frame frame;
    private Iterator<Object> rows;
    private long offset;

    FrameIterator(StatementHandle h, Frame first) {
      this.h = h;
      this.frame = first;
      this.rows = first == null ? Collections.emptyIterator() : first.rows.iterator();
    }

    @Override
    public boolean hasNext() {
      while (!rows.hasNext()) {
        if (frame == null || frame.done) {
          return false;
        }
        try {
          frame = fetch(h, offset, MIN_FRAME_ROWS);
        } catch (NoSuchStatementException | MissingResultsException e) {
          throw ClientErrors.toClient(new SQLException("the result is closed", "24000", e));
        }
        rows = frame.rows.iterator();
      }
      return true;
    }

    @Override
    public Object next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      offset++;
      return rows.next();
    }
  }

  // --- metadata -------------------------------------------------------------------------------------------------

  /** A metadata answer as a result set of its own statement, closed by the client when read. */
  private MetaResultSet answer(ConnectionHandle ch, MetadataCall call) {
    Session s = session(ch.id);
    ServerStatement st = newStatement(s);
    Result r;
    try {
      r = call.answer(s);
    } catch (SQLException e) {
      s.statements.remove(st.id);
      throw ClientErrors.toClient(e);
    }
    return open(s, st, r, 0, -1, "", List.of(), true);
  }

  private interface MetadataCall {
    Result answer(Session s) throws SQLException;
  }

  private MetaResultSet gateway(ConnectionHandle ch, Metadata.Call call, Class<?> layout) {
    return answer(ch, s -> metadata.gateway(s, call, layout));
  }

  private MetaResultSet named(ConnectionHandle ch, Metadata.NamedCall call, Class<?> layout) {
    return answer(ch, s -> metadata.gatewayNamed(s, call, layout));
  }

  private static String s(Pat pattern) {
    return pattern == null ? null : pattern.s;
  }

  @Override
  public Map<DatabaseProperty, Object> getDatabaseProperties(ConnectionHandle ch) {
    return metadata.properties(session(ch.id));
  }

  @Override
  public MetaResultSet getTables(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
      List<String> typeList) {
    return answer(ch, s -> metadata.tables(s, catalog, s(schemaPattern), s(tableNamePattern), typeList));
  }

  @Override
  public MetaResultSet getColumns(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
      Pat columnNamePattern) {
    return answer(ch, s -> metadata.columns(s, catalog, s(schemaPattern), s(tableNamePattern),
        s(columnNamePattern)));
  }

  @Override
  public MetaResultSet getSchemas(ConnectionHandle ch, String catalog, Pat schemaPattern) {
    return answer(ch, s -> metadata.schemas(s, catalog, s(schemaPattern)));
  }

  @Override
  public MetaResultSet getCatalogs(ConnectionHandle ch) {
    return gateway(ch, java.sql.DatabaseMetaData::getCatalogs, MetaImpl.MetaCatalog.class);
  }

  @Override
  public MetaResultSet getTableTypes(ConnectionHandle ch) {
    return answer(ch, metadata::tableTypes);
  }

  @Override
  public MetaResultSet getProcedures(ConnectionHandle ch, String catalog, Pat schemaPattern,
      Pat procedureNamePattern) {
    return answer(ch, s -> metadata.procedures(s, catalog, s(schemaPattern), s(procedureNamePattern)));
  }

  @Override
  public MetaResultSet getProcedureColumns(ConnectionHandle ch, String catalog, Pat schemaPattern,
      Pat procedureNamePattern, Pat columnNamePattern) {
    return answer(ch, s -> metadata.procedureColumns(s, catalog, s(schemaPattern), s(procedureNamePattern),
        s(columnNamePattern)));
  }

  @Override
  public MetaResultSet getTypeInfo(ConnectionHandle ch) {
    return answer(ch, metadata::typeInfo);
  }

  @Override
  public MetaResultSet getColumnPrivileges(ConnectionHandle ch, String catalog, String schema, String table,
      Pat columnNamePattern) {
    return gateway(ch, md -> md.getColumnPrivileges(catalog, schema, table, s(columnNamePattern)),
        MetaImpl.MetaColumnPrivilege.class);
  }

  @Override
  public MetaResultSet getTablePrivileges(ConnectionHandle ch, String catalog, Pat schemaPattern,
      Pat tableNamePattern) {
    return gateway(ch, md -> md.getTablePrivileges(catalog, s(schemaPattern), s(tableNamePattern)),
        MetaImpl.MetaTablePrivilege.class);
  }

  @Override
  public MetaResultSet getBestRowIdentifier(ConnectionHandle ch, String catalog, String schema, String table,
      int scope, boolean nullable) {
    return gateway(ch, md -> md.getBestRowIdentifier(catalog, schema, table, scope, nullable),
        MetaImpl.MetaBestRowIdentifier.class);
  }

  @Override
  public MetaResultSet getVersionColumns(ConnectionHandle ch, String catalog, String schema, String table) {
    return gateway(ch, md -> md.getVersionColumns(catalog, schema, table), MetaImpl.MetaVersionColumn.class);
  }

  @Override
  public MetaResultSet getPrimaryKeys(ConnectionHandle ch, String catalog, String schema, String table) {
    return named(ch, (md, name) -> md.getPrimaryKeys(catalog, name.apply(schema), name.apply(table)),
        MetaImpl.MetaPrimaryKey.class);
  }

  @Override
  public MetaResultSet getImportedKeys(ConnectionHandle ch, String catalog, String schema, String table) {
    return named(ch, (md, name) -> md.getImportedKeys(catalog, name.apply(schema), name.apply(table)),
        MetaImpl.MetaImportedKey.class);
  }

  @Override
  public MetaResultSet getExportedKeys(ConnectionHandle ch, String catalog, String schema, String table) {
    return named(ch, (md, name) -> md.getExportedKeys(catalog, name.apply(schema), name.apply(table)),
        MetaImpl.MetaExportedKey.class);
  }

  @Override
  public MetaResultSet getCrossReference(ConnectionHandle ch, String parentCatalog, String parentSchema,
      String parentTable, String foreignCatalog, String foreignSchema, String foreignTable) {
    return gateway(ch, md -> md.getCrossReference(parentCatalog, parentSchema, parentTable, foreignCatalog,
        foreignSchema, foreignTable), MetaImpl.MetaCrossReference.class);
  }

  @Override
  public MetaResultSet getIndexInfo(ConnectionHandle ch, String catalog, String schema, String table,
      boolean unique, boolean approximate) {
    return named(ch, (md, name) -> md.getIndexInfo(catalog, name.apply(schema), name.apply(table), unique,
        approximate), MetaImpl.MetaIndexInfo.class);
  }

  @Override
  public MetaResultSet getUDTs(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat typeNamePattern,
      int[] types) {
    return gateway(ch, md -> md.getUDTs(catalog, s(schemaPattern), s(typeNamePattern), types),
        MetaImpl.MetaUdt.class);
  }

  @Override
  public MetaResultSet getSuperTypes(ConnectionHandle ch, String catalog, Pat schemaPattern,
      Pat typeNamePattern) {
    return gateway(ch, md -> md.getSuperTypes(catalog, s(schemaPattern), s(typeNamePattern)),
        MetaImpl.MetaSuperType.class);
  }

  @Override
  public MetaResultSet getSuperTables(ConnectionHandle ch, String catalog, Pat schemaPattern,
      Pat tableNamePattern) {
    return gateway(ch, md -> md.getSuperTables(catalog, s(schemaPattern), s(tableNamePattern)),
        MetaImpl.MetaSuperTable.class);
  }

  @Override
  public MetaResultSet getAttributes(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat typeNamePattern,
      Pat attributeNamePattern) {
    return gateway(ch, md -> md.getAttributes(catalog, s(schemaPattern), s(typeNamePattern),
        s(attributeNamePattern)), MetaImpl.MetaAttribute.class);
  }

  @Override
  public MetaResultSet getClientInfoProperties(ConnectionHandle ch) {
    return gateway(ch, java.sql.DatabaseMetaData::getClientInfoProperties, MetaImpl.MetaClientInfoProperty.class);
  }

  @Override
  public MetaResultSet getFunctions(ConnectionHandle ch, String catalog, Pat schemaPattern,
      Pat functionNamePattern) {
    return gateway(ch, md -> md.getFunctions(catalog, s(schemaPattern), s(functionNamePattern)),
        MetaImpl.MetaFunction.class);
  }

  @Override
  public MetaResultSet getFunctionColumns(ConnectionHandle ch, String catalog, Pat schemaPattern,
      Pat functionNamePattern, Pat columnNamePattern) {
    return gateway(ch, md -> md.getFunctionColumns(catalog, s(schemaPattern), s(functionNamePattern),
        s(columnNamePattern)), MetaImpl.MetaFunctionColumn.class);
  }

  @Override
  public MetaResultSet getPseudoColumns(ConnectionHandle ch, String catalog, Pat schemaPattern,
      Pat tableNamePattern, Pat columnNamePattern) {
    return gateway(ch, md -> md.getPseudoColumns(catalog, s(schemaPattern), s(tableNamePattern),
        s(columnNamePattern)), MetaImpl.MetaPseudoColumn.class);
  }

  /** Closes every client connection; the runtime itself is the caller's to close. */
  @Override
  public void close() {
    timer.shutdownNow();
    for (Session s : List.copyOf(sessions.all())) {
      sessions.remove(s.id);
      s.close();
    }
  }
}
