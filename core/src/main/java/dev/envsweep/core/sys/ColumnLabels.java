package dev.envsweep.core.sys;

import dev.envsweep.core.sql.EnvsweepParser;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;

/**
 * The labels PostgreSQL gives a query's unnamed result columns, for {@code sys} queries: Calcite names them
 * {@code EXPR$0}, {@code EXPR$1}, ..., which a script or dashboard reading {@code count} cannot use. A function
 * call is labelled by the function ({@code count(*)} is {@code count}, {@code max(name)} is {@code max}), a cast
 * by what it casts, anything else {@code ?column?}, as PostgreSQL does. Named columns keep their names.
 */
public final class ColumnLabels {
  private static final Pattern CALCITE_LABEL = Pattern.compile("EXPR\\$\\d+");

  private ColumnLabels() {}

  /** Whether {@code label} is one Calcite made up for an unnamed column. */
  public static boolean isDerived(String label) {
    return label != null && CALCITE_LABEL.matcher(label).matches();
  }

  /**
   * The label of each top-level select item of {@code sql}, in order; empty when the query is not one plain
   * SELECT or selects {@code *} (then positions do not match items), or does not parse.
   */
  public static List<String> of(String sql) {
    SqlNode node;
    try {
      node = EnvsweepParser.parseQuery(sql);
    } catch (SQLException | RuntimeException e) {
      return List.of();
    }
    if (node instanceof SqlOrderBy order) {
      node = order.query;
    }
    if (!(node instanceof SqlSelect select)) {
      return List.of();
    }
    List<String> labels = new ArrayList<>();
    for (SqlNode item : select.getSelectList()) {
      if (item instanceof SqlIdentifier id && id.isStar()) {
        return List.of();
      }
      labels.add(label(item));
    }
    return labels;
  }

  private static String label(SqlNode item) {
    if (item.getKind() == SqlKind.AS && item instanceof SqlBasicCall as) {
      return ((SqlIdentifier) as.operand(1)).getSimple();
    }
    if (item instanceof SqlIdentifier id) {
      return id.names.get(id.names.size() - 1);
    }
    if (item instanceof SqlCall call) {
      if (call.getKind() == SqlKind.CAST) {
        return label(call.operand(0));
      }
      if (call.getOperator() instanceof SqlFunction || call.getOperator().isAggregator()) {
        return call.getOperator().getName().toLowerCase(Locale.ROOT);
      }
    }
    return "?column?";
  }
}
