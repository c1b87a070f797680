package dev.envsweep.core.execute;

import dev.envsweep.core.model.ResultRow;
import dev.envsweep.dialects.DropObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rows of one environment's drops on one gateway as they are collected, each with the object it is about. */
public final class StatementResults {
  private final List<ResultRow> rows = new ArrayList<>();
  /** The object each row is about, row for row. */
  private final List<DropObject> objects = new ArrayList<>();

  public void add(DropObject object, ResultRow row) {
    objects.add(object);
    rows.add(row);
  }

  public int size() {
    return rows.size();
  }

  /** The last row, replaced (a drop's row once its files are deleted). */
  void replaceLast(ResultRow row) {
    rows.set(rows.size() - 1, row);
  }

  ResultRow last() {
    return rows.get(rows.size() - 1);
  }

  /** Forgets every row: a transaction rolled back, its statements are about to be sent again. */
  void clear() {
    rows.clear();
    objects.clear();
  }

  public GatewayOutcome outcome() {
    Map<DropObject, String> failed = new LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).failed()) {
        failed.putIfAbsent(objects.get(i), rows.get(i).message());
      }
    }
    return new GatewayOutcome(List.copyOf(rows), failed);
  }
}
