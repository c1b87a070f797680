package dev.envsweep.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The PostgreSQL wire-protocol port, through real psql and psycopg2 (Debian's postgresql-client and
 * python3-psycopg2, which .ci/run installs; psycopg2 used as dbt-postgres uses it), pgjdbc in both query modes
 * and node-postgres from npm: the
 * same statements and rows as the Avatica port, errors with SQLSTATE and the position psql underlines, scripts
 * that stop on the first error, transactions as PostgreSQL clients drive them, cancel, and a server that survives
 * malformed messages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgWireIT {
  Path dir;
  ServerProcess server;
  int pgPort;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("envsweep-pg-wire-");
    pgPort = ServerProcess.freePort();
    server = ServerProcess.serve(dir, "protobuf", "--demo", "--pg-port", String.valueOf(pgPort));
    assertThat(server.stdout()).contains("PostgreSQL wire protocol on 127.0.0.1:" + pgPort);
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
  }

  /** psql, unaligned and tuples-only unless told otherwise, no ~/.psqlrc. */
  private ServerProcess.Result psql(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("psql", "-X", "-h", "127.0.0.1", "-p", String.valueOf(pgPort),
        "-U", "ci", "-d", "anything"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new ServerProcess.Result(p.exitValue(), out, err);
  }

  @Test
  void psqlReadsTheSameRowsAsTheAvaticaPortAndRunsEnvsweepsStatements() throws Exception {
    String sql = "SELECT name, status, suffix_target FROM sys.environments ORDER BY name";
    ServerProcess.Result viaPg = psql("-A", "-t", "-F", "|", "-c", sql);
    assertThat(viaPg.exitCode()).as(viaPg.err()).isZero();
    List<String> viaAvatica = new ArrayList<>();
    try (Connection c = server.connect()) {
      for (List<String> row : Sql.rows(c, sql)) {
        viaAvatica.add(String.join("|", row.stream().map(v -> v == null ? "" : v).toList()));
      }
    }
    assertThat(viaPg.out().strip().lines().toList()).isEqualTo(viaAvatica).contains("prod|PROD|schema");

    ServerProcess.Result invalidated = psql("-A", "-t", "-F", "|", "-c", "INVALIDATE ENVIRONMENT feature_c");
    assertThat(invalidated.exitCode()).as(invalidated.err()).isZero();
    assertThat(invalidated.out()).contains("feature_c||ENVIRONMENT|feature_c|UPDATE ").contains("|INVALIDATED|");
    try (Connection c = server.connect()) {
      assertThat(Sql.strings(c, "SELECT status FROM sys.environments WHERE name = 'feature_c'"))
          .containsExactly("EXPIRED");
    }
    // The command tag names the statement and counts its rows.
    ServerProcess.Result restored = psql("-c", "RESTORE ENVIRONMENT feature_c", "-c", "CLEANUP EXPIRED ENVIRONMENTS");
    assertThat(restored.exitCode()).as(restored.err()).isZero();
    assertThat(restored.out()).contains("RESTORED").contains("DELETED").contains("(2 rows)");
  }

  @Test
  void anErrorHasItsSqlstateAndThePositionPsqlUnderlines() throws Exception {
    ServerProcess.Result typo = psql("-v", "VERBOSITY=verbose", "-c", "INVALIDATE ENVIRONMEN feature_b");
    assertThat(typo.exitCode()).isEqualTo(1);
    assertThat(typo.err()).contains("ERROR:  42601: Encountered \"ENVIRONMEN\" at line 1, column 12.")
        .contains("LINE 1: INVALIDATE ENVIRONMEN feature_b\n                   ^");
    ServerProcess.Result unknown = psql("-v", "VERBOSITY=verbose", "-c", "INVALIDATE ENVIRONMENT nope");
    assertThat(unknown.err()).contains("ERROR:  42704: environment 'nope' does not exist");
    ServerProcess.Result forwarded = psql("-v", "VERBOSITY=verbose", "-c", "SELECT * FROM no_such_table");
    assertThat(forwarded.err()).contains("ERROR:  42P01: Catalog Error: Table with name no_such_table does not exist");
  }

  @Test
  void aScriptStopsAtItsFirstErrorAndTransactionsBehaveAsInPostgresql() throws Exception {
    Path script = dir.resolve("script.sql");
    Files.writeString(script, """
        \\set ON_ERROR_STOP on
        SET application_name = 'ci-job';
        SHOW application_name;
        BEGIN;
        CREATE TABLE rolled_back (i INT);
        ROLLBACK;
        COMMIT;
        SELECT 'one'; SELECT 'two';
        SELECT * FROM rolled_back;
        SELECT 'never';
        """);
    ServerProcess.Result run = psql("-A", "-t", "-f", script.toString());
    assertThat(run.exitCode()).as("ON_ERROR_STOP exit code").isEqualTo(3);
    assertThat(run.out().strip().lines().toList()).containsExactly("SET", "ci-job", "BEGIN", "CREATE TABLE",
        "ROLLBACK", "COMMIT", "one", "two");
    assertThat(run.err()).contains("WARNING:  there is no transaction in progress")
        .contains("rolled_back does not exist").doesNotContain("never");
  }

  @Test
  void psqlsCancelStopsTheRunningStatementAndTheServerSurvivesMalformedMessages() throws Exception {
    Process p = new ProcessBuilder("psql", "-X", "-h", "127.0.0.1", "-p", String.valueOf(pgPort), "-c",
        "SELECT count(*) FROM range(1000000000000) a(i) WHERE i % 7 = 3").redirectErrorStream(true).start();
    try (Connection c = server.connect()) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      String running = "SELECT remote_address FROM sys.sessions WHERE statement LIKE 'SELECT count(*) FROM range%'";
      while (Sql.strings(c, running).isEmpty() && System.nanoTime() < deadline) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
      }
      assertThat(Sql.strings(c, running)).singleElement().asString().startsWith("pg 127.0.0.1:");
    }
    // What Ctrl-C does: psql sends a CancelRequest on a second connection.
    new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
    String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(printed).contains("Cancel request sent").contains("ERROR:  canceling statement due to user request");

    for (byte[] hostile : List.of(new byte[] {0, 0, 0, 8, 0, 3, 0, 0}, new byte[] {0x7f, 0x7f, 0x7f, 0x7f},
        new byte[] {0, 0, 0, 2})) {
      try (Socket s = new Socket("127.0.0.1", pgPort)) {
        s.getOutputStream().write(hostile);
        s.getOutputStream().flush();
        s.shutdownOutput();
        s.getInputStream().readAllBytes();
      }
    }
    // A started session that claims a 1 GiB query, and one that sends an unknown message type.
    for (byte[] after : List.of(new byte[] {'Q', 0x40, 0, 0, 0}, new byte[] {'?', 0, 0, 0, 4})) {
      try (Socket s = new Socket("127.0.0.1", pgPort)) {
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        byte[] startup = "user\0ci\0\0".getBytes(StandardCharsets.UTF_8);
        out.writeInt(8 + startup.length);
        out.writeInt(196608);
        out.write(startup);
        out.write(after);
        out.flush();
        InputStream in = s.getInputStream();
        String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(answer).contains("08P01");
      }
    }
    ServerProcess.Result stillThere = psql("-A", "-t", "-c", "SELECT 42");
    assertThat(stillThere.out().strip()).isEqualTo("42");
  }

  @Test
  void psycopg2AsDbtPostgresUsesIt() throws Exception {
    Path script = dir.resolve("dbtlike.py");
    Files.writeString(script, """
        import sys, psycopg2
        conn = psycopg2.connect(host='127.0.0.1', port=int(sys.argv[1]), user='dbt', dbname='warehouse',
                                application_name='dbt', options='-c search_path=sys')
        cur = conn.cursor()
        cur.execute('select 1 as id')
        print('debug', cur.fetchall(), cur.description[0].type_code)
        cur.execute('EXPLAIN CLEANUP EXPIRED ENVIRONMENTS')
        print('explain', cur.statusmessage, cur.rowcount, [d.name for d in cur.description][:2],
              [d.type_code for d in cur.description][-1])
        cur.execute('SELECT name, status FROM sys.environments WHERE name = %s', ('prod',))
        print('select', cur.fetchall(), conn.get_transaction_status())
        conn.rollback()
        try:
            cur.execute('INVALIDATE ENVIRONMENT prod')
        except psycopg2.Error as e:
            print('error', e.pgcode, e.pgerror.splitlines()[0])
        print('aborted', conn.get_transaction_status())
        conn.rollback()
        cur.execute('SELECT count(*) FROM sys.sessions')
        print('after', cur.fetchall())
        conn.close()
        """);
    Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), String.valueOf(pgPort))
        .redirectErrorStream(true).start();
    String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(printed).isZero();
    assertThat(printed.lines().toList()).containsSubsequence(
        "debug [(1,)] 23",
        "select [('prod', 'PROD')] 2",
        "error 55000 ERROR:  Cannot invalidate the production environment.",
        "aborted 3");
    assertThat(printed).containsPattern("explain EXPLAIN \\d+ \\d+ \\['environment', 'gateway'\\] 20");
  }

  @Test
  void pgjdbcInItsDefaultExtendedModeAndInSimpleMode() throws Exception {
    for (String mode : List.of("extended", "simple")) {
      String url = "jdbc:postgresql://127.0.0.1:" + pgPort + "/anything?sslmode=disable&prepareThreshold=1&preferQueryMode="
          + mode;
      try (Connection c = java.sql.DriverManager.getConnection(url, "ci", "")) {
        try (java.sql.PreparedStatement ps = c.prepareStatement(
            "SELECT name, status FROM sys.environments WHERE name = ?")) {
          ps.setString(1, "prod");
          assertThat(Sql.rows(ps.executeQuery())).as(mode).containsExactly(List.of("prod", "PROD"));
        }
        // With prepareThreshold=1 pgjdbc keeps a named statement from the first run and asks for binary results.
        for (int i = 0; i < 7; i++) {
          try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT CAST(? AS INTEGER) + 1 AS n, "
              + "CAST(? AS BIGINT) AS big, 12.50::DECIMAL(10,2) AS amount, TRUE AS ok, DATE '2026-01-02' AS d, "
              + "TIMESTAMP '2026-01-02 10:11:12.345' AS ts, 'text' AS t, NULL::INTEGER AS nothing")) {
            ps.setInt(1, i);
            ps.setLong(2, 5_000_000_000L);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
              assertThat(rs.next()).isTrue();
              assertThat(rs.getInt("n")).as(mode + " run " + i).isEqualTo(i + 1);
              assertThat(rs.getLong("big")).isEqualTo(5_000_000_000L);
              assertThat(rs.getBigDecimal("amount")).isEqualByComparingTo("12.50");
              assertThat(rs.getBoolean("ok")).isTrue();
              assertThat(rs.getDate("d").toString()).isEqualTo("2026-01-02");
              assertThat(rs.getTimestamp("ts").toString()).isEqualTo("2026-01-02 10:11:12.345");
              assertThat(rs.getString("t")).isEqualTo("text");
              assertThat(rs.getObject("nothing")).isNull();
            }
          }
        }
        // pgjdbc's simple mode writes a parameter into the text as ('value'::varchar), which envsweep's statements
        // do not take as a name: there, the name is written as it is.
        try (java.sql.PreparedStatement ps = c.prepareStatement(mode.equals("extended") ? "INVALIDATE ENVIRONMENT ?"
            : "INVALIDATE ENVIRONMENT feature_b")) {
          if (mode.equals("extended")) {
            ps.setString(1, "feature_b");
          }
          assertThat(Sql.rows(ps.executeQuery())).extracting(r -> r.get(5)).containsExactly("INVALIDATED");
        }
        assertThat(Sql.rows(c, "RESTORE ENVIRONMENT feature_b")).extracting(r -> r.get(5))
            .containsExactly("RESTORED");
        java.sql.SQLException unknown = org.assertj.core.api.Assertions.catchThrowableOfType(
            () -> Sql.rows(c, "INVALIDATE ENVIRONMENT nope"), java.sql.SQLException.class);
        assertThat(unknown.getSQLState()).isEqualTo("42704");
        assertThat(Sql.rows(c, "SELECT 1")).containsExactly(List.of("1"));
        // A transaction of forwarded statements, and a result read a few rows at a time (PortalSuspended).
        c.setAutoCommit(false);
        String table = "tx_" + mode;
        Sql.exec(c, "CREATE TABLE " + table + " AS SELECT range AS i FROM range(5)");
        try (java.sql.Statement s = c.createStatement()) {
          s.setFetchSize(2);
          assertThat(Sql.rows(s.executeQuery("SELECT i FROM " + table + " ORDER BY i"))).hasSize(5);
        }
        c.rollback();
        c.setAutoCommit(true);
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(
            () -> Sql.rows(c, "SELECT * FROM " + table), java.sql.SQLException.class).getSQLState())
            .isEqualTo("42P01");
      }
    }
  }

  @Test
  void nodePostgresWithParameters() throws Exception {
    // node-postgres from npm (.ci/run runs npm ci in src/test/node), through the extended protocol.
    Process p = new ProcessBuilder("node", "src/test/node/pg-client.js", String.valueOf(pgPort))
        .redirectErrorStream(true).start();
    String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(printed).isZero();
    assertThat(printed.strip().lines().toList()).containsExactly(
        "select [{\"name\":\"prod\",\"status\":\"PROD\"}] SELECT 1 1043,1043",
        "params 42 x",
        "explain EXPLAIN 1 PLANNED",
        "error 42704 environment 'nope' does not exist",
        "after 1");
  }
}
