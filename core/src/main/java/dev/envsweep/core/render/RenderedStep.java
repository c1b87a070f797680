package dev.envsweep.core.render;

import dev.envsweep.core.model.ResultRow;
import dev.envsweep.dialects.DropObject;
import java.nio.file.Path;
import java.util.List;

/**
 * One drop of a gateway plan after rendering: either decided without sending anything (the ownership guard
 * refused it, the engine cannot drop catalogs, the dialect cannot write it, its precondition does not hold), or
 * the exact statements to send for it, in order. Steps come in the plan's order: views before schema before
 * catalog.
 */
public sealed interface RenderedStep {

  /** The object the step is about. */
  DropObject object();

  /** Nothing is sent for this drop; {@code row} says why. */
  record Decided(DropObject object, ResultRow row) implements RenderedStep {}

  /**
   * Statements to send for this drop, in order, on one connection.
   *
   * @param objectName the object's name as the statements write it, dialect-quoted
   * @param statements the statements (usually one; MSSQL's USE sequence is several)
   * @param filesToDelete local files to delete once every statement succeeded (DuckDB catalog files)
   * @param absent the catalogue check found the object already gone: success is SKIPPED ("absent")
   */
  record Send(DropObject object, String objectName, List<String> statements, List<Path> filesToDelete,
      boolean absent) implements RenderedStep {

    public Send {
      statements = List.copyOf(statements);
      filesToDelete = List.copyOf(filesToDelete);
    }
  }
}
