package dev.envsweep.core;

import java.util.regex.Pattern;

/**
 * An SQL LIKE pattern matched in Java: {@code %} any run of characters, {@code _} exactly one, {@code \}
 * makes the next character literal; case-insensitive, as environment names are (SQLMesh lowercases them).
 * Matching here rather than in the state store's SQL gives one meaning on every engine: DuckDB has no default
 * LIKE escape character, PostgreSQL's is the backslash, and MySQL reads a backslash inside a string literal.
 */
public final class LikePattern {
  private final Pattern regex;

  private LikePattern(Pattern regex) {
    this.regex = regex;
  }

  public static LikePattern of(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return new LikePattern(Pattern.compile(regex.toString(),
        Pattern.DOTALL | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
  }

  public boolean matches(String value) {
    return value != null && regex.matcher(value).matches();
  }
}
