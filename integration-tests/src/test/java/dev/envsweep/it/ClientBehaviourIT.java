package dev.envsweep.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a JDBC client expects of any database, asked of envsweep on every way in: the built jar's in-process
 * driver, and a server of the jar through the stock Avatica driver over protobuf and over JSON; each with DuckDB
 * and with PostgreSQL as the default gateway (and state store).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientBehaviourIT {
  static final long FUTURE = 4_000_000_000_000L;

  /** One way in: how to connect, to which engine. */
  record Endpoint(String name, String engine, boolean inProcess, Callable<Connection> connector) {
    Connection open() throws Exception {
      return connector.call();
    }

    boolean duckdb() {
      return engine.equals("duckdb");
    }

    /** A name of this endpoint's own, for objects in a database other endpoints share. */
    String unique(String base) {
      return (base + "_" + name).replaceAll("[^a-z0-9_]", "_");
    }

    @Override
    public String toString() {
      return name;
    }
  }

  EmbeddedPostgres postgres;
  final List<ServerProcess> servers = new ArrayList<>();
  final List<Endpoint> endpoints = new ArrayList<>();

  @BeforeAll
  void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE wh");
    }
    String pgUrl = postgres.getJdbcUrl("postgres", "wh");
    Path pgDir = Files.createTempDirectory("envsweep-client-pg-");
    Path pgConfig = ServerProcess.writeConfig(pgDir, """
        state_store:
          create: true
        gateways:
          wh:
            url: %s
            user: postgres
        """.formatted(pgUrl));
    for (String way : List.of("in-process", "protobuf", "json")) {
      // DuckDB allows one process per file: each way in gets its own warehouse.
      Path dir = Files.createTempDirectory("envsweep-client-duckdb-");
      Path config = ServerProcess.writeConfig(dir, """
          state_store:
            create: true
          gateways:
            local:
              url: jdbc:duckdb:%s
          """.formatted(dir.resolve("wh.duckdb")));
      endpoints.add(endpoint("duckdb " + way, "duckdb", way, dir, config));
      endpoints.add(endpoint("postgres " + way, "postgres", way, pgDir, pgConfig));
    }
  }

  private Endpoint endpoint(String name, String engine, String way, Path dir, Path config) throws Exception {
    if (way.equals("in-process")) {
      return new Endpoint(name, engine, true, () -> InProcess.connect(config));
    }
    ServerProcess server = ServerProcess.serve(dir, way, "--config", config.toString());
    servers.add(server);
    return new Endpoint(name, engine, false, server::connect);
  }

  @AfterAll
  void stop() throws Exception {
    for (ServerProcess s : servers) {
      s.close();
    }
    postgres.close();
  }

  Stream<Endpoint> endpoints() {
    return endpoints.stream();
  }

  Stream<Endpoint> inProcessEndpoints() {
    return endpoints.stream().filter(Endpoint::inProcess);
  }

  // --- a failed statement -------------------------------------------------------------------------------------

  @ParameterizedTest
  @MethodSource("endpoints")
  void aFailedStatementLeavesItsStatementAndConnectionUsable(Endpoint e) throws Exception {
    try (Connection c = e.open(); Statement s = c.createStatement()) {
      for (String bad : List.of("SELEC 1", "SELECT * FROM no_such_table", "INVALIDATE ENVIRONMENT no_such_env",
          "INVALIDATE ENVIRONMEN x", "SELECT nope FROM sys.environments", "SELECT 1\0", "\0")) {
        SQLException failure = catchThrowableOfType(() -> s.execute(bad), SQLException.class);
        assertThat((Object) failure).as(bad).isNotNull();
        assertThat(failure.getSQLState()).as(bad).hasSize(5).isNotEqualTo("00000");
        assertThat(Sql.rows(s.executeQuery("SELECT 41 + 1"))).as("after " + bad).containsExactly(List.of("42"));
        assertThat(Sql.rows(s.executeQuery("SELECT count(*) FROM sys.gateways"))).containsExactly(List.of("1"));
      }
      SQLException nul = catchThrowableOfType(() -> s.execute("SELECT 1\0"), SQLException.class);
      assertThat(nul.getSQLState()).isEqualTo("22021");
      assertThat(nul.getMessage()).contains("NUL character (U+0000) at position 9");
      try (PreparedStatement ps = c.prepareStatement("SELECT CAST(? AS INTEGER) + 1")) {
        ps.setString(1, "not a number");
        assertThat(catchThrowableOfType(ps::executeQuery, SQLException.class).getSQLState()).hasSize(5);
        ps.setString(1, "6");
        assertThat(Sql.rows(ps.executeQuery())).containsExactly(List.of("7"));
      }
    }
  }

  // --- values ---------------------------------------------------------------------------------------------------

  /** A column the test expects: its name, JDBC type, value as getObject returns it, and as getString does. */
  record Expected(String column, int jdbcType, Object object, String string) {}

  @ParameterizedTest
  @MethodSource("endpoints")
  void everyValueTypeArrivesWithMatchingMetadata(Endpoint e) throws Exception {
    String mood = e.unique("mood");
    List<Expected> expected;
    String sql;
    try (Connection c = e.open(); Statement s = c.createStatement()) {
      s.execute("DROP TYPE IF EXISTS " + mood);
      s.execute("CREATE TYPE " + mood + " AS ENUM ('sad', 'happy')");
      if (e.duckdb()) {
        sql = "SELECT 170141183460469231731687303715884105727::HUGEINT AS huge, 12::UHUGEINT AS uhuge, "
            + "sum(x) AS total, 18446744073709551615::UBIGINT AS ubig, 4294967295::UINTEGER AS uint, "
            + "1.50::DECIMAL(10,2) AS dec, '6f1c3b8e-0000-4000-8000-000000000001'::UUID AS id, "
            + "'\\xAA\\xBB'::BLOB AS bytes, [1, 2] AS list, MAP {'a': 1} AS map, {'x': 1} AS struct, "
            + "'{\"a\":1}'::JSON AS json, DATE '2026-01-02' AS d, TIME '10:11:12' AS t, "
            + "TIMESTAMP '2026-01-02 10:11:12.345' AS ts, TIMESTAMPTZ '2026-01-02 10:11:12+00' AS tstz, "
            + "INTERVAL 3 DAY AS iv, 'happy'::" + mood + " AS mood, true AS b, 2.5::DOUBLE AS dbl, "
            + "1.5::REAL AS r, 7::TINYINT AS ti, NULL::INTEGER AS nothing FROM (VALUES (1), (2)) v(x)";
        expected = List.of(
            new Expected("huge", Types.DECIMAL, new BigDecimal("170141183460469231731687303715884105727"),
                "170141183460469231731687303715884105727"),
            new Expected("uhuge", Types.DECIMAL, new BigDecimal("12"), "12"),
            new Expected("total", Types.DECIMAL, new BigDecimal("3"), "3"),
            new Expected("ubig", Types.DECIMAL, new BigDecimal("18446744073709551615"), "18446744073709551615"),
            new Expected("uint", Types.BIGINT, 4294967295L, "4294967295"),
            new Expected("dec", Types.DECIMAL, new BigDecimal("1.50"), "1.50"),
            new Expected("id", Types.VARCHAR, "6f1c3b8e-0000-4000-8000-000000000001",
                "6f1c3b8e-0000-4000-8000-000000000001"),
            new Expected("bytes", Types.VARBINARY, new byte[] {(byte) 0xAA, (byte) 0xBB}, null),
            new Expected("list", Types.VARCHAR, "[1, 2]", "[1, 2]"),
            new Expected("map", Types.VARCHAR, "{a=1}", "{a=1}"),
            new Expected("struct", Types.VARCHAR, "{'x': 1}", "{'x': 1}"),
            new Expected("json", Types.VARCHAR, "{\"a\":1}", "{\"a\":1}"),
            new Expected("d", Types.DATE, java.sql.Date.valueOf("2026-01-02"), "2026-01-02"),
            new Expected("t", Types.TIME, java.sql.Time.valueOf("10:11:12"), "10:11:12.000"),
            new Expected("ts", Types.TIMESTAMP, java.sql.Timestamp.valueOf("2026-01-02 10:11:12.345"),
                "2026-01-02 10:11:12.345"),
            new Expected("tstz", Types.TIMESTAMP, java.sql.Timestamp.from(java.time.Instant.parse(
                "2026-01-02T10:11:12Z")), "2026-01-02 10:11:12.000"),
            new Expected("iv", Types.VARCHAR, "3 days", "3 days"),
            new Expected("mood", Types.VARCHAR, "happy", "happy"),
            new Expected("b", Types.BOOLEAN, true, "true"),
            new Expected("dbl", Types.DOUBLE, 2.5d, "2.5"),
            new Expected("r", Types.REAL, 1.5f, "1.5"),
            new Expected("ti", Types.TINYINT, (byte) 7, "7"),
            new Expected("nothing", Types.INTEGER, null, null));
      } else {
        sql = "SELECT 12345678901234567890.123::numeric AS num, sum(x) AS total, "
            + "'6f1c3b8e-0000-4000-8000-000000000001'::uuid AS id, '\\xaabb'::bytea AS bytes, ARRAY[1, 2] AS arr, "
            + "'{\"a\":1}'::json AS js, '{\"a\":1}'::jsonb AS jsb, DATE '2026-01-02' AS d, TIME '10:11:12' AS t, "
            + "TIMESTAMP '2026-01-02 10:11:12.345' AS ts, INTERVAL '3 days' AS iv, 'happy'::" + mood + " AS mood, "
            + "true AS b, 2.5::float8 AS dbl, 1.5::real AS r, 7::smallint AS si, NULL::int AS nothing "
            + "FROM (VALUES (1), (2)) v(x)";
        expected = List.of(
            new Expected("num", Types.DECIMAL, new BigDecimal("12345678901234567890.123"),
                "12345678901234567890.123"),
            new Expected("total", Types.BIGINT, 3L, "3"),
            new Expected("id", Types.VARCHAR, "6f1c3b8e-0000-4000-8000-000000000001",
                "6f1c3b8e-0000-4000-8000-000000000001"),
            new Expected("bytes", Types.VARBINARY, new byte[] {(byte) 0xAA, (byte) 0xBB}, null),
            new Expected("arr", Types.VARCHAR, "{1,2}", "{1,2}"),
            new Expected("js", Types.VARCHAR, "{\"a\":1}", "{\"a\":1}"),
            new Expected("jsb", Types.VARCHAR, "{\"a\": 1}", "{\"a\": 1}"),
            new Expected("d", Types.DATE, java.sql.Date.valueOf("2026-01-02"), "2026-01-02"),
            new Expected("t", Types.TIME, java.sql.Time.valueOf("10:11:12"), "10:11:12.000"),
            new Expected("ts", Types.TIMESTAMP, java.sql.Timestamp.valueOf("2026-01-02 10:11:12.345"),
                "2026-01-02 10:11:12.345"),
            new Expected("iv", Types.VARCHAR, "3 days", "3 days"),
            new Expected("mood", Types.VARCHAR, "happy", "happy"),
            new Expected("b", Types.BOOLEAN, true, "true"),
            new Expected("dbl", Types.DOUBLE, 2.5d, "2.5"),
            new Expected("r", Types.REAL, 1.5f, "1.5"),
            new Expected("si", Types.SMALLINT, (short) 7, "7"),
            new Expected("nothing", Types.INTEGER, null, null));
        sql = sql.replace("FROM (VALUES (1), (2)) v(x)", "FROM (VALUES (1), (2)) v(x) GROUP BY ()");
      }
      try (ResultSet rs = s.executeQuery(sql)) {
        ResultSetMetaData md = rs.getMetaData();
        assertThat(md.getColumnCount()).isEqualTo(expected.size());
        assertThat(rs.next()).isTrue();
        for (int i = 1; i <= expected.size(); i++) {
          Expected x = expected.get(i - 1);
          assertThat(md.getColumnLabel(i)).isEqualTo(x.column());
          assertThat(md.getColumnType(i)).as("type of %s", x.column()).isEqualTo(x.jdbcType());
          assertThat(md.getColumnDisplaySize(i)).as("display size of %s", x.column()).isPositive();
          assertThat(md.getPrecision(i)).as("precision of %s", x.column()).isNotNegative();
          Object value = rs.getObject(i);
          assertThat(value).as("value of %s", x.column()).isEqualTo(x.object());
          if (value != null) {
            assertThat(Class.forName(md.getColumnClassName(i))).as("class of %s", x.column())
                .isAssignableFrom(value.getClass());
          }
          if (x.string() != null) {
            assertThat(rs.getString(i)).as("text of %s", x.column()).isEqualTo(x.string());
          }
        }
        if (e.duckdb()) {
          assertThat(md.getPrecision(6)).isEqualTo(10);
          assertThat(md.getScale(6)).isEqualTo(2);
        }
        assertThat(rs.next()).isFalse();
      }
    }
  }

  // --- read-only ------------------------------------------------------------------------------------------------

  @ParameterizedTest
  @MethodSource("endpoints")
  void aReadOnlyConnectionReadsAndRefusesWhatChangesState(Endpoint e) throws Exception {
    String env = e.unique("ro");
    try (Connection c = e.open()) {
      environment(c, env, FUTURE);
      c.setReadOnly(true);
      assertThat(c.isReadOnly()).isTrue();
      assertThat(Sql.rows(c, "SELECT 1")).containsExactly(List.of("1"));
      assertThat(Sql.strings(c, "SELECT status FROM sys.environments WHERE name = '" + env + "'"))
          .containsExactly("LIVE");
      assertThat(Sql.rows(c, "EXPLAIN INVALIDATE ENVIRONMENT " + env)).hasSize(1);
      SQLException invalidate = catchThrowableOfType(() -> Sql.rows(c, "INVALIDATE ENVIRONMENT " + env),
          SQLException.class);
      assertThat(invalidate.getSQLState()).isEqualTo("25006");
      SQLException create = catchThrowableOfType(() -> Sql.exec(c, "CREATE TABLE " + e.unique("ro_t") + " (i INT)"),
          SQLException.class);
      assertThat(create.getSQLState()).isEqualTo("25006");
      assertThat(Sql.strings(c, "SELECT status FROM sys.environments WHERE name = '" + env + "'"))
          .containsExactly("LIVE");
      c.setReadOnly(false);
      assertThat(c.isReadOnly()).isFalse();
      assertThat(Sql.rows(c, "INVALIDATE ENVIRONMENT " + env)).extracting(r -> r.get(5))
          .containsExactly("INVALIDATED");
      assertThat(Sql.strings(c, "SELECT status FROM sys.environments WHERE name = '" + env + "'"))
          .containsExactly("EXPIRED");
    }
  }

  // --- metadata -------------------------------------------------------------------------------------------------

  @ParameterizedTest
  @MethodSource("endpoints")
  void metadataAnswersWithTheTypesJdbcToolsRead(Endpoint e) throws Exception {
    String table = e.unique("meta_t");
    String view = e.unique("meta_v");
    try (Connection c = e.open()) {
      Sql.exec(c, "DROP VIEW IF EXISTS " + view, "DROP TABLE IF EXISTS " + table,
          "CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, label VARCHAR(20), amount DECIMAL(10,2))",
          "CREATE VIEW " + view + " AS SELECT id FROM " + table);
      DatabaseMetaData md = c.getMetaData();
      List<List<Object>> tables = objects(md.getTables(null, null, "%", new String[] {"TABLE", "VIEW"}));
      assertThat(tables).extracting(r -> r.get(2) + ":" + r.get(3)).contains(table + ":TABLE", view + ":VIEW");
      assertThat(tables).extracting(r -> r.get(3)).containsOnly("TABLE", "VIEW");
      assertThat(objects(md.getTables(null, null, "%", null))).extracting(r -> r.get(1) + "." + r.get(2) + ":"
          + r.get(3)).contains("sys.environments:SYSTEM TABLE", "sys.cleanup_history:SYSTEM TABLE",
          "sys.gateways:SYSTEM TABLE");

      try (ResultSet rs = md.getColumns(null, null, table, "%")) {
        List<List<Object>> columns = objects(rs);
        assertThat(columns).extracting(r -> r.get(3)).containsExactly("id", "label", "amount");
        assertThat(columns.get(0).get(4)).isEqualTo(Types.INTEGER);
        assertThat(columns.get(2).get(4)).isIn(Types.DECIMAL, Types.NUMERIC);
      }
      List<List<Object>> sysColumns = objects(md.getColumns(null, "sys", "environments", "%"));
      assertThat(sysColumns).extracting(r -> r.get(3)).startsWith("name", "status", "suffix_target");
      assertThat(sysColumns).extracting(r -> String.valueOf(r.get(5))).noneMatch(t -> t.contains("NOT NULL"));
      assertThat(sysColumns.get(0).get(5)).isEqualTo("VARCHAR");
      assertThat(((Number) sysColumns.get(0).get(6)).intValue()).isPositive();

      assertThat(objects(md.getSchemas())).extracting(r -> r.get(0)).contains("sys");
      assertThat(objects(md.getCatalogs())).isNotEmpty();
      assertThat(objects(md.getTableTypes())).extracting(r -> r.get(0))
          .contains("TABLE", "VIEW", "SYSTEM TABLE").doesNotContain("BASE TABLE");
      objects(md.getPrimaryKeys(null, null, table));
      objects(md.getIndexInfo(null, null, table, false, true));
      objects(md.getImportedKeys(null, null, table));
      objects(md.getProcedures(null, null, "%"));
      objects(md.getFunctions(null, null, "%"));
      List<List<Object>> types = objects(md.getTypeInfo());
      assertThat(types).isNotEmpty();
      assertThat(types).extracting(r -> r.get(1)).contains(Types.INTEGER, Types.VARCHAR);
      assertThat(md.getSQLKeywords()).contains("INVALIDATE", "CLEANUP");
      // Avatica's client names the product after its driver: the stock remote driver says Avatica.
      assertThat(md.getDatabaseProductName()).isEqualTo(e.inProcess() ? "envsweep" : "Avatica");
    }
  }

  /** Every row, every column read with getObject(int), as DBeaver reads metadata. */
  private static List<List<Object>> objects(ResultSet rs) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    try (rs) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getObject(i));
          rs.getString(i);
        }
        out.add(row);
      }
    }
    return out;
  }

  // --- errors and transactions ----------------------------------------------------------------------------------

  @ParameterizedTest
  @MethodSource("endpoints")
  void connectionCallsNeverBreakTheConnection(Endpoint e) throws Exception {
    try (Connection c = e.open()) {
      assertThatCode(c::commit).doesNotThrowAnyException();
      assertThatCode(c::rollback).doesNotThrowAnyException();
      String schema = c.getSchema();
      assertThatCode(() -> c.setSchema("no_such_schema")).doesNotThrowAnyException();
      if (e.duckdb()) {
        // DuckDB refuses the schema: the next statement says so, with its SQLSTATE, and the schema stays.
        SQLException refused = catchThrowableOfType(() -> Sql.rows(c, "SELECT 1"), SQLException.class);
        assertThat(refused.getSQLState()).isEqualTo("3F000");
        assertThat(refused.getMessage()).contains("schema was not set to 'no_such_schema'");
        assertThat(c.getSchema()).isEqualTo(schema);
      }
      assertThat(Sql.rows(c, "SELECT 1")).containsExactly(List.of("1"));
      assertThat(c.getAutoCommit()).isTrue();
      c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      assertThat(Sql.rows(c, "SELECT 2")).containsExactly(List.of("2"));
    }
  }

  @ParameterizedTest
  @MethodSource("endpoints")
  void envsweepStatementsUnderAutocommitOffSayTheyAreCommittedAtOnce(Endpoint e) throws Exception {
    String env = e.unique("tx");
    String table = e.unique("tx_t");
    try (Connection c = e.open()) {
      environment(c, env, FUTURE);
      Sql.exec(c, "DROP TABLE IF EXISTS " + table);
      c.setAutoCommit(false);
      List<List<String>> rows = Sql.rows(c, "INVALIDATE ENVIRONMENT " + env);
      assertThat(rows.get(0).get(6)).endsWith("committed at once; ROLLBACK does not undo it");
      Sql.exec(c, "CREATE TABLE " + table + " (i INT)");
      c.rollback();
      if (e.inProcess()) {
        assertThat((Object) c.getWarnings()).isNotNull();
        assertThat(c.getWarnings().getMessage()).contains("committed at once; ROLLBACK does not undo it");
      }
      c.setAutoCommit(true);
      assertThat(Sql.strings(c, "SELECT status FROM sys.environments WHERE name = '" + env + "'"))
          .containsExactly("EXPIRED");
      assertThat((Object) catchThrowableOfType(() -> Sql.rows(c, "SELECT * FROM " + table), SQLException.class))
          .isNotNull();
      assertThat(Sql.rows(c, "EXPLAIN INVALIDATE ENVIRONMENT " + env).get(0).get(6))
          .doesNotContain("committed at once");
    }
  }

  // --- row limits, cancel and timeouts --------------------------------------------------------------------------

  @ParameterizedTest
  @MethodSource("endpoints")
  void maxRowsCapsTheRows(Endpoint e) throws Exception {
    try (Connection c = e.open(); Statement s = c.createStatement()) {
      s.setMaxRows(2);
      assertThat(Sql.rows(s.executeQuery("SELECT * FROM (VALUES (1), (2), (3), (4)) v(x)"))).hasSize(2);
      s.setLargeMaxRows(3);
      assertThat(Sql.rows(s.executeQuery("SELECT * FROM (VALUES (1), (2), (3), (4)) v(x)"))).hasSize(3);
      assertThat(Sql.rows(s.executeQuery("SELECT * FROM sys.procedures"))).hasSize(3);
      if (e.inProcess()) {
        // The stock remote driver sends no row limit with a prepared statement's execution; in-process, the
        // statement itself tells it.
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM (VALUES (1), (2), (3), (4)) v(x)")) {
          ps.setMaxRows(1);
          assertThat(Sql.rows(ps.executeQuery())).hasSize(1);
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("inProcessEndpoints")
  void inProcessCancelAndQueryTimeoutStopARunawayStatement(Endpoint e) throws Exception {
    String slow = runaway(e);
    try (Connection c = e.open(); Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      long start = System.nanoTime();
      SQLException timedOut = catchThrowableOfType(() -> Sql.rows(s.executeQuery(slow)), SQLException.class);
      assertThat(timedOut.getSQLState()).isEqualTo("57014");
      assertThat(timedOut.getMessage()).contains("statement timeout");
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(15_000);
      s.setQueryTimeout(0);
      assertThat(Sql.rows(s.executeQuery("SELECT 1"))).containsExactly(List.of("1"));

      ExecutorService runner = Executors.newSingleThreadExecutor();
      try (Connection observer = e.open()) {
        Future<SQLException> running = runner.submit(() -> catchThrowableOfType(() -> Sql.rows(
            s.executeQuery(slow)), SQLException.class));
        awaitRunning(observer, slow);
        s.cancel();
        SQLException cancelled = running.get(15, TimeUnit.SECONDS);
        assertThat(cancelled.getSQLState()).isEqualTo("57014");
        assertThat(cancelled.getMessage()).contains("user request");
      } finally {
        runner.shutdownNow();
      }
      assertThat(Sql.rows(s.executeQuery("SELECT 2"))).containsExactly(List.of("2"));
    }
  }

  /**
   * Polls {@code sys.sessions} (10 s at most) until a session runs {@code sql}: its {@code session_id} and
   * {@code remote_address}.
   */
  static List<String> awaitRunning(Connection observer, String sql) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (PreparedStatement ps = observer.prepareStatement(
          "SELECT session_id, remote_address FROM sys.sessions WHERE statement = ?")) {
        ps.setString(1, sql);
        List<List<String>> rows = Sql.rows(ps.executeQuery());
        if (!rows.isEmpty()) {
          return rows.get(0);
        }
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(25));
    }
    throw new AssertionError("no session ran " + sql + " within 10 s");
  }

  /** A statement that runs far longer than any test waits. */
  static String runaway(Endpoint e) {
    return e.duckdb() ? "SELECT count(*) FROM range(1000000000000) a(i) WHERE i % 7 = 3" : "SELECT pg_sleep(60)";
  }

  @ParameterizedTest
  @MethodSource("endpoints")
  void aRunawayStatementIsStoppedFromAnotherConnectionThroughSysSessions(Endpoint e) throws Exception {
    String slow = runaway(e);
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try (Connection busy = e.open(); Connection operator = e.open()) {
      long start = System.nanoTime();
      Future<SQLException> running = runner.submit(() -> catchThrowableOfType(() -> Sql.rows(busy, slow),
          SQLException.class));
      List<String> session = awaitRunning(operator, slow);
      assertThat(session.get(1)).startsWith(e.inProcess() ? "in-process" : "127.0.0.1:");
      assertThat(Sql.rows(operator, "CALL sys.cancel_statement('" + session.get(0) + "')").get(0).get(5))
          .isEqualTo("CANCELLED");
      SQLException stopped = running.get(15, TimeUnit.SECONDS);
      assertThat(stopped.getSQLState()).isEqualTo("57014");
      assertThat(stopped.getMessage()).contains("canceling statement due to user request");
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(15_000);
      assertThat(Sql.rows(busy, "SELECT 3")).containsExactly(List.of("3"));
    } finally {
      runner.shutdownNow();
    }
  }

  /** An environment row as SQLMesh writes it, with no snapshots (nothing to drop). */
  static void environment(Connection c, String name, long expirationTs) throws SQLException {
    Sql.exec(c, "DELETE FROM sqlmesh._environments WHERE name = '" + name + "'");
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO sqlmesh._environments (name, snapshots, start_at, "
        + "plan_id, expiration_ts, finalized_ts, suffix_target, normalize_name, requirements, gateway_managed) "
        + "VALUES (?, '[]', '2024-01-01', ?, ?, 1700000000000, 'schema', TRUE, '{}', FALSE)")) {
      ps.setString(1, name);
      ps.setString(2, "plan_" + name);
      ps.setLong(3, expirationTs);
      ps.executeUpdate();
    }
  }
}
