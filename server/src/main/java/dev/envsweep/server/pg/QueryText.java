package dev.envsweep.server.pg;

import dev.envsweep.core.sql.Prefilter;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements of one simple-query message, split where PostgreSQL splits them: at semicolons outside string
 * literals ({@code '...'}, {@code E'...'}, dollar-quoted {@code $tag$...$tag$}), quoted identifiers and comments.
 * Statements that are only whitespace and comments are dropped, as PostgreSQL drops them. The CLI's script
 * runner ({@code envsweep run -f}) splits scripts with it too, as psql would.
 */
public final class QueryText {
  private QueryText() {}

  /** One statement, and where it starts in the message's text (0-based). */
  public record Piece(String sql, int offset) {}

  public static List<Piece> split(String sql) {
    List<Piece> out = new ArrayList<>();
    int start = 0;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        i = Prefilter.skipQuoted(sql, i, c);
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '$' && dollarTag(sql, i) != null) {
        String tag = dollarTag(sql, i);
        int end = sql.indexOf(tag, i + tag.length());
        i = end < 0 ? n : end + tag.length();
      } else if (c == ';') {
        add(out, sql, start, i);
        start = ++i;
      } else {
        i++;
      }
    }
    add(out, sql, start, n);
    return out;
  }

  private static void add(List<Piece> out, String sql, int start, int end) {
    String statement = sql.substring(start, end);
    if (!words(statement, 1).isEmpty()) {
      int lead = 0;
      while (Character.isWhitespace(statement.charAt(lead))) {
        lead++;
      }
      out.add(new Piece(statement.strip(), start + lead));
    }
  }

  /** The tag of a dollar quote starting at {@code i} ({@code $$} or {@code $name$}), or null. */
  private static String dollarTag(String sql, int i) {
    int j = i + 1;
    while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
      j++;
    }
    if (j < sql.length() && sql.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(sql.charAt(i + 1)))) {
      return sql.substring(i, j + 1);
    }
    return null;
  }

  /**
   * The first {@code limit} words of a statement, lower-cased, comments and string literals skipped (as
   * envsweep's prefilter reads them).
   */
  static List<String> words(String sql, int limit) {
    return Prefilter.words(sql, limit);
  }
}
