package dev.envsweep.core.meta;

import static dev.envsweep.core.testing.DuckDbProject.MODELS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.envsweep.core.sql.EnvsweepParser;
import dev.envsweep.core.model.SuffixTarget;
import dev.envsweep.core.testing.DuckDbProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated corpus of malformed and hostile statements: each must fail with an SQLSTATE and a message naming
 * the problem (a syntax error also says where), and afterwards the state tables and the warehouse's catalogue
 * must be exactly as before. Hostile names that exist in state must be quoted, never executed.
 */
class HostileInputTest {
  @TempDir Path dir;

  static final String[] VALID = {
      "INVALIDATE ENVIRONMENT nope_x SYNC WARN ON FAILURE",
      "CLEANUP EXPIRED ENVIRONMENTS WARN ON FAILURE FORCE",
      "EXPLAIN CLEANUP EXPIRED ENVIRONMENTS WARN ON FAILURE",
      "CALL sys.invalidate_environment(name => 'nope_y', sync => true, warn_on_failure => false)",
      "CALL sys.cleanup_expired_environments(warn_on_failure => true, force => false)",
  };

  static final String[] HOSTILE_NAMES = {"x'; DROP TABLE wh.main.keep; --", "x\"; DROP SCHEMA sqlmesh CASCADE; --",
      "a/*comment*/b", "-- comment", "semi;colon", "ünïcödé_名前", "emoji_\uD83D\uDE00", "nul\u0000byte",
      "tab\tnew\nline", "back\\slash", "x".repeat(10_000), "\"", "'", "''", "`", "[x]", "$$x$$", "%_", "prod--"};

  /** The corpus, generated: truncations, misspellings, wrong types, mixing, hostile names. */
  static List<String> corpus() {
    Set<String> out = new LinkedHashSet<>();
    for (String v : VALID) {
      // Every truncation at a space or parenthesis.
      for (int i = 1; i < v.length(); i++) {
        char c = v.charAt(i);
        if (c == ' ' || c == '(' || c == ',' || c == '=') {
          out.add(v.substring(0, i));
        }
      }
      // Each word misspelt: a letter doubled, a letter dropped, two letters swapped.
      String[] words = v.split(" ");
      for (int w = 0; w < words.length; w++) {
        String word = words[w];
        if (word.length() < 3 || !Character.isLetter(word.charAt(0))) {
          continue;
        }
        for (String bad : new String[] {word + word.charAt(word.length() - 1), word.substring(1),
            word.charAt(1) + "" + word.charAt(0) + word.substring(2)}) {
          String[] copy = words.clone();
          copy[w] = bad;
          out.add(String.join(" ", copy));
        }
      }
      out.add(v + " ;;");
      out.add(v + " EXTRA");
      out.add(v + "; SELECT 1");
      out.add("/* unterminated " + v);
      out.add(v + " '");
    }
    // Wrong argument types and shapes for the procedures.
    for (String arg : new String[] {"1", "1.5", "NULL", "TRUE", "DATE '2024-01-01'", "x", "ARRAY[1]", "(SELECT 1)",
        "'a' || 'b'", "?", "CAST('t' AS BOOLEAN)"}) {
      out.add("CALL sys.invalidate_environment(" + arg + ")");
      out.add("CALL sys.invalidate_environment('nope_z', " + arg + ")");
      out.add("CALL sys.invalidate_environment(name => 'nope_z', sync => " + arg + ")");
      out.add("CALL sys.cleanup_expired_environments(" + arg + ")");
      out.add("CALL sys.cleanup_expired_environments(force => " + arg + ")");
    }
    out.add("CALL sys.invalidate_environment('a', sync => true)");
    out.add("CALL sys.invalidate_environment(name => 'a', true)");
    out.add("CALL sys.invalidate_environment(name => 'a', name => 'b')");
    out.add("CALL sys.invalidate_environment(nmae => 'a')");
    out.add("CALL sys.invalidate_environment()");
    out.add("CALL sys.nope()");
    out.add("CALL sys.cleanup_expired_environments(true, true, true)");
    out.add("CALL sys.invalidate_environment('a', false, true)");
    out.add("CALL sys.invalidate_environment('a', false, false, true)");
    // Hostile names, as identifiers, literals and procedure arguments: none exists.
    for (String name : HOSTILE_NAMES) {
      String literal = "'" + name.replace("'", "''") + "'";
      String quoted = "\"" + name.replace("\"", "\"\"") + "\"";
      out.add("INVALIDATE ENVIRONMENT " + literal);
      out.add("INVALIDATE ENVIRONMENT " + quoted + " SYNC");
      out.add("INVALIDATE ENVIRONMENT " + name);
      out.add("CALL sys.invalidate_environment(" + literal + ", true)");
      out.add("CALL sys.invalidate_environment(name => " + literal + ")");
      out.add("SELECT * FROM sys.environments WHERE nme = " + literal);
    }
    // System-table queries gone wrong.
    for (String q : new String[] {"SELECT nope FROM sys.environments", "SELECT * FROM sys.environments WHERE",
        "SELECT * FROM sys.environments e JOIN main.keep k ON true", "SELECT * FROM sys.cleanup_history ORDER BY",
        "SELECT count(*) FROM sys.orphans GROUP BY nope", "SELECT 1/0 FROM sys.environments WHERE name = 'zz'",
        "WITH x AS (SELECT * FROM sys.environments) SELECT nope FROM x"}) {
      out.add(q);
    }
    // Random byte noise after a valid prefix.
    Random random = new Random(42);
    String noise = "'\";/*--()\\\u0000\u00e9\u4e2d =>,?";
    while (out.size() < 600) {
      String v = VALID[random.nextInt(VALID.length)];
      int cut = random.nextInt(v.length());
      StringBuilder sb = new StringBuilder(v.substring(0, cut));
      for (int i = 0; i < 1 + random.nextInt(4); i++) {
        sb.append(noise.charAt(random.nextInt(noise.length())));
      }
      out.add(sb.toString());
    }
    return new ArrayList<>(out);
  }

  @Test
  void everyMalformedOrHostileStatementFailsCleanlyAndChangesNothing() throws Exception {
    try (DuckDbProject wh = new DuckDbProject(dir, "wh.duckdb")) {
      wh.project.environment("prod", SuffixTarget.SCHEMA, null, MODELS);
      wh.project.environment("live", SuffixTarget.TABLE, 4_000_000_000_000L, MODELS);
      wh.exec("CREATE TABLE main.keep AS SELECT 42 AS answer");
    }
    Path config = dir.resolve("envsweep.yaml");
    Files.writeString(config, "gateways:\n  local:\n    url: jdbc:duckdb:" + dir.resolve("wh.duckdb") + "\n");

    List<String> corpus = corpus();
    int tried = 0;
    int syntax = 0;
    int skippedValid = 0;
    try (Connection c = DriverManager.getConnection("jdbc:envsweep:" + config)) {
      String before = checksum(c);
      for (String sql : corpus) {
        if (isValidAndHarmless(sql)) {
          skippedValid++;
          continue;
        }
        tried++;
        try (Statement s = c.createStatement()) {
          s.execute(sql);
          ResultSet rs = s.getResultSet();
          while (rs != null && rs.next()) {
            // drain
          }
          fail("no error for: " + sql.substring(0, Math.min(200, sql.length())));
        } catch (SQLException e) {
          assertThat(e.getSQLState()).as("SQLSTATE for %s", shorten(sql)).isNotNull().hasSize(5);
          assertThat(e.getMessage()).as("message for %s", shorten(sql)).isNotBlank();
          if (e.getSQLState().equals("42601")) {
            syntax++;
            assertThat(e.getMessage()).as("position for %s", shorten(sql))
                .containsPattern("line \\d+, column \\d+|one statement at a time|empty statement|LINE \\d+:|at end of input");
          }
          assertThat(e.getMessage()).doesNotContain("\tat ").hasSizeLessThan(5_000);
        }
      }
      assertThat(checksum(c)).isEqualTo(before);
      assertThat(rows(c, "SELECT answer FROM main.keep")).containsExactly("42");
    }
    System.out.printf("hostile input: %d statements generated, %d tried, %d syntax errors, %d valid skipped, "
        + "0 changes%n", corpus.size(), tried, syntax, skippedValid);
    assertThat(tried).isGreaterThanOrEqualTo(500);
  }

  /**
   * A generated statement that happens to be a complete, valid one that succeeds without touching anything (a
   * cleanup or explain with nothing expired): not malformed, so not part of the corpus.
   */
  private static boolean isValidAndHarmless(String sql) {
    try {
      String s = EnvsweepParser.parse(sql).toString().toUpperCase();
      return s.contains("CLEANUP") || s.startsWith("EXPLAIN");
    } catch (SQLException e) {
      return false;
    }
  }

  @Test
  void hostileNamesAlreadyInStateAreQuotedNeverExecuted() throws Exception {
    try (DuckDbProject wh = new DuckDbProject(dir, "wh.duckdb")) {
      wh.project.environment("prod", SuffixTarget.SCHEMA, null, MODELS);
      wh.exec("CREATE TABLE main.keep AS SELECT 42 AS answer");
      // Rows written by hand, bypassing SQLMesh's sanitiser.
      for (String name : new String[] {"x'; DROP TABLE main.keep; --", "y\"; DROP SCHEMA sqlmesh CASCADE; --",
          "z`]; DELETE FROM main.keep; --"}) {
        try (PreparedStatement ps = wh.connection.prepareStatement("INSERT INTO sqlmesh._environments (name, snapshots, "
            + "start_at, plan_id, expiration_ts, suffix_target, normalize_name, requirements, gateway_managed) "
            + "VALUES (?, ?, 'x', 'p', 1, 'schema', TRUE, '{}', FALSE)")) {
          ps.setString(1, name);
          ps.setString(2, wh.project.snapshotsJson(MODELS));
          ps.executeUpdate();
        }
      }
    }
    Path config = dir.resolve("envsweep.yaml");
    Files.writeString(config, "gateways:\n  local:\n    url: jdbc:duckdb:" + dir.resolve("wh.duckdb") + "\n");
    try (Connection c = DriverManager.getConnection("jdbc:envsweep:" + config)) {
      assertThat(rows(c, "SELECT count(*) FROM sys.environments WHERE status = 'EXPIRED'")).containsExactly("3");
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("CLEANUP EXPIRED ENVIRONMENTS")) {
        List<String> statements = new ArrayList<>();
        while (rs.next()) {
          statements.add(rs.getString("sql"));
        }
        // Sanitised for naming (SQLMesh re-sanitises on load), quoted, and the state row deleted by bound name.
        assertThat(statements).contains("DROP SCHEMA IF EXISTS \"wh\".\"sales__x___drop_table_main_keep____\" CASCADE",
            "DROP SCHEMA IF EXISTS \"wh\".\"sales__y___drop_schema_sqlmesh_cascade____\" CASCADE");
      }
      assertThat(rows(c, "SELECT answer FROM main.keep")).containsExactly("42");
      assertThat(rows(c, "SELECT name FROM sqlmesh._environments")).containsExactly("prod");
    }
  }

  private static String checksum(Connection c) throws SQLException {
    return rows(c, "SELECT name || ':' || coalesce(expiration_ts, -1) || ':' || plan_id FROM sqlmesh._environments "
        + "ORDER BY name") + "|" + rows(c, "SELECT count(*) FROM envsweep.cleanup_history") + "|"
        + rows(c, "SELECT database_name || '.' || schema_name || '.' || table_name FROM duckdb_tables() ORDER BY 1")
        + "|" + rows(c, "SELECT schema_name || '.' || view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1")
        + "|" + rows(c, "SELECT schema_name FROM duckdb_schemas() ORDER BY 1");
  }

  private static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static String shorten(String sql) {
    return sql.length() > 120 ? sql.substring(0, 120) + "..." : sql;
  }
}
