package dev.envsweep.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides, cheaply and without parsing, whether a statement is envsweep's (DESIGN section 2). Only statements
 * that start with one of envsweep's verbs, or that read one of its {@code sys.*} tables, reach envsweep's parser;
 * everything else goes to the default gateway byte for byte, so words like {@code cleanup} stay usable there.
 *
 * <p>The scan skips whitespace, {@code --} and {@code /* *}{@code /} comments, and never looks inside string
 * literals, so {@code SELECT 'sys.environments'} is not ours.
 */
public final class Prefilter {
  private Prefilter() {}

  /** Where a statement goes. */
  public enum Route {
    /** INVALIDATE, CLEANUP, EXPLAIN of those, CALL sys.*: parsed and run by envsweep. */
    LIFECYCLE,
    /** A query over envsweep's system tables: evaluated in-process by Calcite. */
    SYSTEM_QUERY,
    /** Anything else: sent unchanged to the default gateway. */
    FORWARD
  }

  /** The system tables clients can read as {@code sys.<name>}. */
  public static final Set<String> SYSTEM_TABLES = Set.of("environments", "cleanup_history", "orphans", "gateways",
      "procedures", "sessions");

  public static Route route(String sql) {
    List<String> words = words(sql, 4);
    if (words.isEmpty()) {
      return Route.FORWARD;
    }
    String first = words.get(0);
    String second = words.size() > 1 ? words.get(1) : "";
    switch (first) {
      case "invalidate", "cleanup", "restore" -> {
        return Route.LIFECYCLE;
      }
      case "alter" -> {
        if (second.equals("environment")) {
          return Route.LIFECYCLE;
        }
      }
      case "explain" -> {
        if (second.equals("invalidate") || second.equals("cleanup")) {
          return Route.LIFECYCLE;
        }
      }
      case "call" -> {
        if (second.equals("sys") && words.size() > 2 && words.get(2).equals(".")) {
          return Route.LIFECYCLE;
        }
      }
      case "select", "with", "values", "(" -> {
        if (readsSystemTable(sql)) {
          return Route.SYSTEM_QUERY;
        }
      }
      default -> {
        if (nearMiss(first)) {
          return Route.LIFECYCLE;
        }
      }
    }
    return Route.FORWARD;
  }

  /** First words of statements that only read. */
  private static final Set<String> QUERY_WORDS = Set.of("select", "with", "values", "table", "show", "describe",
      "desc", "explain", "summarize", "from", "(");

  /**
   * Whether a forwarded statement only reads, judged by its first word (SELECT, WITH, VALUES, TABLE, SHOW,
   * DESCRIBE, EXPLAIN but not EXPLAIN ANALYZE, SUMMARIZE, DuckDB's FROM-first): what a read-only connection
   * forwards when its gateway cannot make the connection read-only itself.
   */
  public static boolean isQuery(String sql) {
    List<String> w = words(sql, 2);
    return !w.isEmpty() && QUERY_WORDS.contains(w.get(0))
        && !(w.get(0).equals("explain") && w.size() > 1 && w.get(1).equals("analyze"));
  }

  /** How many {@code ?} placeholders the text has outside strings and comments. */
  public static int placeholders(String sql) {
    return (int) words(sql, Integer.MAX_VALUE).stream().filter("?"::equals).count();
  }

  /**
   * A first word one or two typos away from INVALIDATE or CLEANUP ({@code INVALIDTE}, {@code CLEANUPP}): sent to
   * envsweep's parser, whose error says what was expected, rather than to the gateway, whose error cannot. No
   * statement of the supported engines is that close to either word.
   */
  static boolean nearMiss(String word) {
    return word.length() >= 5 && (distance(word, "invalidate") <= 2 || distance(word, "cleanup") <= 2);
  }

  /** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  /** Whether the tokens {@code sys . <system table>} occur anywhere outside strings and comments. */
  static boolean readsSystemTable(String sql) {
    List<String> tokens = words(sql, Integer.MAX_VALUE);
    for (int i = 0; i + 2 < tokens.size(); i++) {
      if (tokens.get(i).equals("sys") && tokens.get(i + 1).equals(".")
          && SYSTEM_TABLES.contains(tokens.get(i + 2))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The first {@code limit} tokens, lower-cased: words (quoted identifiers unquoted) and single punctuation
   * characters. String literals and comments produce nothing.
   */
  public static List<String> words(String sql, int limit) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n && out.size() < limit) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '\'') {
        i = skipQuoted(sql, i, '\'');
      } else if (c == '"' || c == '`') {
        int end = skipQuoted(sql, i, c);
        String inner = sql.substring(i + 1, Math.max(i + 1, end - 1));
        out.add(inner.replace(String.valueOf(c) + c, String.valueOf(c)).toLowerCase(Locale.ROOT));
        i = end;
      } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
            || sql.charAt(i) == '$')) {
          i++;
        }
        out.add(sql.substring(start, i).toLowerCase(Locale.ROOT));
      } else {
        out.add(String.valueOf(c));
        i++;
      }
    }
    return out;
  }

  /** Index just past a quoted run that starts at {@code start}; a doubled quote is an escaped one. */
  public static int skipQuoted(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }
}
