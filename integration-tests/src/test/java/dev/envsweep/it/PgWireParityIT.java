package dev.envsweep.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every envsweep statement and every {@code sys} table, run by psql, psycopg2, pgjdbc and node-postgres through the
 * PG port, gives the rows the stock Avatica driver gets through the HTTP port for the same statements on the same
 * state. Each client works on environments of its own (copies of the demo's {@code feature_b} state row, named
 * after the client), one client after another, so every run starts from the same state; values that differ
 * between runs by nature (timestamps, epoch milliseconds, elapsed time, run ids) are masked, and the client's
 * name is written as {@code C}.
 */
class PgWireParityIT {
  /** The statements, in order; {@code {c}} is the client's name. */
  private static final List<String> STATEMENTS = List.of(
      "EXPLAIN INVALIDATE ENVIRONMENT {c}_one",
      "INVALIDATE ENVIRONMENT {c}_one",
      "RESTORE ENVIRONMENT {c}_one",
      "ALTER ENVIRONMENT {c}_one SET TTL 'in 2 weeks'",
      "ALTER ENVIRONMENT {c}_one SET EXPIRATION NONE",
      "ALTER ENVIRONMENT {c}_one SET EXPIRES AT TIMESTAMP '2030-01-02 03:04:05'",
      "CALL sys.invalidate_environment('{c}_one')",
      "CALL sys.restore_environment(name => '{c}_one')",
      "INVALIDATE ENVIRONMENTS LIKE '{c}_tw%'",
      "INVALIDATE ENVIRONMENT '{c}_one'",
      "SELECT * FROM sys.environments ORDER BY name",
      "EXPLAIN CLEANUP EXPIRED ENVIRONMENTS",
      "CALL sys.explain_cleanup()",
      "CLEANUP EXPIRED ENVIRONMENTS WARN ON FAILURE",
      "INVALIDATE ENVIRONMENT {c}_three SYNC",
      "CALL sys.cleanup_expired_environments()",
      "SELECT environment, gateway, object_kind, object_name, sql, status, message FROM sys.cleanup_history "
          + "WHERE environment LIKE '{c}_%'",
      "SELECT * FROM sys.environments ORDER BY name",
      "SELECT * FROM sys.orphans",
      "SELECT name, dialect, url, is_default, reachable, error, pooled FROM sys.gateways ORDER BY name",
      "SELECT * FROM sys.procedures",
      "SELECT statement FROM sys.sessions");
  /** Statements whose rows come in no defined order: compared as sorted lists. */
  private static final int HISTORY = 16;
  private static final List<String> CLIENTS = List.of("psql", "psycopg2", "pgjdbc", "node");

  @Test
  void everyStatementAndSysTableGiveTheSameRowsThroughEachClientAsThroughAvatica() throws Exception {
    Path dir = Files.createTempDirectory("envsweep-pg-parity-");
    int pgPort = ServerProcess.freePort();
    try (ServerProcess server = ServerProcess.serve(dir, "protobuf", "--demo", "--pg-port", String.valueOf(pgPort))) {
      try (Connection c = server.connect()) {
        // The demo's expired environment goes first, so that every client's CLEANUP sees only its own.
        Sql.rows(c, "CLEANUP EXPIRED ENVIRONMENTS");
      }
      List<List<String>> expected = run(server, "avatica", () -> viaAvatica(server, statements("avatica")));
      assertThat(expected).hasSize(STATEMENTS.size());
      assertThat(expected.get(1)).as("INVALIDATE's row").singleElement().asString().contains("\tINVALIDATED\t");
      assertThat(expected.get(13)).as("CLEANUP's rows").anyMatch(r -> r.startsWith("C_one\t") && r.contains(
          "\tDELETED\t")).anyMatch(r -> r.startsWith("C_two\t"));
      assertThat(expected.get(14)).as("SYNC's rows").anyMatch(r -> r.contains("\tINVALIDATED\t"))
          .anyMatch(r -> r.contains("\tDELETED\t"));
      assertThat(expected.get(15)).as("nothing left to clean").isEmpty();
      assertThat(expected.get(20)).as("sys.procedures").isNotEmpty();
      for (String client : CLIENTS) {
        List<List<String>> got = run(server, client, () -> switch (client) {
          case "psql" -> viaPsql(dir, pgPort, statements(client));
          case "psycopg2" -> viaProgram(List.of("/usr/bin/python3", "src/test/python/pg_statements.py",
              String.valueOf(pgPort)), dir, statements(client));
          case "node" -> viaProgram(List.of("node", "src/test/node/pg-statements.js", String.valueOf(pgPort)), dir,
              statements(client));
          default -> viaPgjdbc(pgPort, statements(client));
        });
        for (int i = 0; i < STATEMENTS.size(); i++) {
          assertThat(got.get(i)).as(client + ": " + STATEMENTS.get(i)).isEqualTo(expected.get(i));
        }
      }
    }
  }

  private interface Run {
    Map<Integer, List<String>> rows() throws Exception;
  }

  /** Gives {@code client} three environments of its own, runs the statements and returns their masked rows. */
  private static List<List<String>> run(ServerProcess server, String client, Run run) throws Exception {
    try (Connection c = server.connect()) {
      for (String suffix : List.of("one", "two", "three")) {
        Sql.exec(c, "INSERT INTO sqlmesh._environments SELECT '" + prefix(client) + "_" + suffix + "' AS name, * EXCLUDE "
            + "(name) FROM sqlmesh._environments WHERE name = 'feature_b'");
      }
    }
    Map<Integer, List<String>> rows = run.rows();
    List<List<String>> masked = new ArrayList<>();
    for (int i = 0; i < STATEMENTS.size(); i++) {
      List<String> statement = new ArrayList<>();
      for (String row : rows.getOrDefault(i, List.of())) {
        statement.add(mask(row, client, STATEMENTS.get(i)));
      }
      if (i == HISTORY) {
        statement.sort(null);
      }
      masked.add(statement);
    }
    return masked;
  }

  private static final Pattern TIMESTAMP = Pattern.compile(
      "\\d{4}-\\d\\d-\\d\\d[T ]\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?Z?");
  private static final Pattern EPOCH_MS = Pattern.compile("\\b\\d{12,}\\b");
  private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /**
   * A row with what changes from run to run masked: the last column (elapsed_ms) of envsweep's statements'
   * rows, timestamps, epoch milliseconds and run ids; the client's name written as {@code C}.
   */
  private static String mask(String row, String client, String statement) {
    String r = row;
    if (!statement.startsWith("SELECT")) {
      r = r.substring(0, r.lastIndexOf('\t'));
    }
    r = TIMESTAMP.matcher(r).replaceAll("<ts>");
    r = EPOCH_MS.matcher(r).replaceAll("<ms>");
    r = UUID.matcher(r).replaceAll("<uuid>");
    return r.replace(prefix(client) + "_", "C_");
  }

  /** The start of a client's environments' names: after the demo's, so rows in name order stay in one order. */
  private static String prefix(String client) {
    return "zz_" + client;
  }

  private static List<String> statements(String client) {
    return STATEMENTS.stream().map(s -> s.replace("{c}", prefix(client))).toList();
  }

  /** The stock Avatica driver over HTTP: values as Java gives them, booleans as PostgreSQL writes them. */
  private static Map<Integer, List<String>> viaAvatica(ServerProcess server, List<String> statements)
      throws SQLException {
    Map<Integer, List<String>> out = new TreeMap<>();
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      for (int i = 0; i < statements.size(); i++) {
        out.put(i, rows(s, statements.get(i), true));
      }
    }
    return out;
  }

  /** pgjdbc in its default (extended-protocol) mode; {@code getString} is the text the server sent. */
  private static Map<Integer, List<String>> viaPgjdbc(int pgPort, List<String> statements) throws SQLException {
    Map<Integer, List<String>> out = new TreeMap<>();
    try (Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort
        + "/any?sslmode=disable", "pgjdbc", ""); Statement s = c.createStatement()) {
      for (int i = 0; i < statements.size(); i++) {
        out.put(i, rows(s, statements.get(i), false));
      }
    }
    return out;
  }

  private static List<String> rows(Statement s, String sql, boolean javaValues) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          Object v = javaValues ? rs.getObject(i) : rs.getString(i);
          values.add(v == null ? "<null>" : v instanceof Boolean b ? (b ? "t" : "f") : v.toString());
        }
        rows.addAll(String.join("\t", values).lines().toList());
      }
    }
    return rows;
  }

  /** psql running a script with an {@code \echo} before each statement, unaligned, tab-separated. */
  private static Map<Integer, List<String>> viaPsql(Path dir, int pgPort, List<String> statements)
      throws Exception {
    Path script = dir.resolve("parity.sql");
    StringBuilder text = new StringBuilder("\\set ON_ERROR_STOP on\n");
    for (int i = 0; i < statements.size(); i++) {
      text.append("\\echo '--- ").append(i).append("'\n").append(statements.get(i)).append(";\n");
    }
    Files.writeString(script, text);
    return parse(execute(List.of("psql", "-X", "-q", "-A", "-t", "-F", "\t", "-P", "null=<null>", "-h",
        "127.0.0.1", "-p", String.valueOf(pgPort), "-U", "psql", "-d", "any", "-f", script.toString()), dir));
  }

  /** A client program that reads the statements from a file, one per line, and prints "--- i" and rows. */
  private static Map<Integer, List<String>> viaProgram(List<String> command, Path dir, List<String> statements)
      throws Exception {
    Path file = dir.resolve("statements.txt");
    Files.writeString(file, String.join("\n", statements) + "\n");
    List<String> withFile = new ArrayList<>(command);
    withFile.add(file.toString());
    return parse(execute(withFile, null));
  }

  private static String execute(List<String> command, Path dir) throws Exception {
    ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
    if (dir != null) {
      b.directory(dir.toFile());
    }
    Process p = b.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(command.get(0) + ": " + out).isZero();
    return out;
  }

  private static Map<Integer, List<String>> parse(String printed) {
    Map<Integer, List<String>> out = new TreeMap<>();
    List<String> current = null;
    for (String line : printed.lines().toList()) {
      if (line.startsWith("--- ")) {
        current = new ArrayList<>();
        out.put(Integer.parseInt(line.substring(4).strip()), current);
      } else if (current != null) {
        current.add(line);
      }
    }
    return out;
  }
}
