package dev.envsweep.core.render;

import dev.envsweep.dialects.DropObject;
import dev.envsweep.dialects.WordCharacters;
import java.util.StringJoiner;

/**
 * Names as SQLMesh prints them in its messages ({@code exp.table_name}): parts joined by dots,
 * each bare when it is a plain identifier, else double-quoted.
 */
final class SqlMeshNames {
  private SqlMeshNames() {}

  static String display(DropObject o) {
    StringJoiner name = new StringJoiner(".");
    for (String part : new String[] {o.catalog(), o.schema(), o.name()}) {
      if (part != null) {
        name.add(WordCharacters.isSafeBareIdentifier(part) ? part : '"' + part.replace("\"", "\"\"") + '"');
      }
    }
    return name.toString();
  }
}
