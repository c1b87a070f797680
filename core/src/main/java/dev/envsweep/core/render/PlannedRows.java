package dev.envsweep.core.render;

import dev.envsweep.core.model.ResultRow;
import dev.envsweep.core.model.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * EXPLAIN is rendering without sending: every statement a run would send, as a PLANNED row in the order it
 * would go, and every drop decided without sending as the row a run would record.
 */
public final class PlannedRows {
  private PlannedRows() {}

  /** @param unreachable why the catalogue could not be checked, or null when it was */
  public static List<ResultRow> of(String environment, String gateway, List<RenderedStep> steps,
      String unreachable) {
    List<ResultRow> rows = new ArrayList<>();
    for (RenderedStep step : steps) {
      if (step instanceof RenderedStep.Decided d) {
        rows.add(d.row());
      } else if (step instanceof RenderedStep.Send s) {
        for (String sql : s.statements()) {
          rows.add(new ResultRow(environment, gateway, s.object().kind().name(), s.objectName(), sql,
              Status.PLANNED, message(s, unreachable), 0));
        }
      }
    }
    return rows;
  }

  private static String message(RenderedStep.Send step, String unreachable) {
    List<String> notes = new ArrayList<>();
    if (unreachable != null) {
      notes.add("catalogue not checked: " + unreachable);
    } else if (step.absent()) {
      notes.add("absent");
    }
    if (!step.filesToDelete().isEmpty()) {
      notes.add("then deletes " + step.filesToDelete().get(0));
    }
    return notes.isEmpty() ? null : String.join("; ", notes);
  }
}
