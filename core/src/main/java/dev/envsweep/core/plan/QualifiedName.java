package dev.envsweep.core.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * A stored snapshot name split into catalog, schema and table the way SQLGlot's {@code exp.to_table} does with
 * its default dialect (reference 2.4): dot-separated parts, each either double-quoted ({@code ""} escapes a
 * quote, dots allowed inside) or bare. The last part is the table, the one before the schema, the one before
 * that the catalog. Backticks are not quotes here.
 */
public record QualifiedName(String catalog, String schema, String table) {

  public static QualifiedName parse(String stored) {
    List<String> parts = new ArrayList<>();
    int i = 0;
    int n = stored.length();
    while (true) {
      StringBuilder part = new StringBuilder();
      if (i < n && stored.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= n) {
            throw new IllegalArgumentException("unterminated quote in model name " + stored);
          }
          char c = stored.charAt(i++);
          if (c == '"') {
            if (i < n && stored.charAt(i) == '"') {
              part.append('"');
              i++;
            } else {
              break;
            }
          } else {
            part.append(c);
          }
        }
      } else {
        while (i < n && stored.charAt(i) != '.') {
          part.append(stored.charAt(i++));
        }
      }
      if (part.isEmpty()) {
        throw new IllegalArgumentException("empty part in model name " + stored);
      }
      parts.add(part.toString());
      if (i >= n) {
        break;
      }
      if (stored.charAt(i) != '.') {
        throw new IllegalArgumentException("unexpected character after a quoted part in model name " + stored);
      }
      i++;
    }
    if (parts.size() > 3) {
      throw new IllegalArgumentException("model name " + stored + " has more than three parts");
    }
    int k = parts.size();
    return new QualifiedName(k >= 3 ? parts.get(k - 3) : null, k >= 2 ? parts.get(k - 2) : null,
        parts.get(k - 1));
  }
}
