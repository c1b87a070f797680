package dev.envsweep.dialects;

import java.nio.file.Path;
import java.util.List;

/**
 * What one {@link DropObject} becomes on one engine.
 *
 * @param object the object
 * @param objectName its name as it appears in the statements, dialect-quoted
 * @param statements the statements to send, in order (usually one; MSSQL's USE dance is several)
 * @param filesToDelete local files to delete once every statement succeeded (DuckDB catalog files, and only
 *     ever inside the gateway's {@code catalog_dir})
 * @param precondition a query that must return a row before anything is sent (Snowflake's check that a database
 *     is {@code sqlmesh_managed}); null when there is none
 */
public record RenderedDrop(DropObject object, String objectName, List<String> statements, List<Path> filesToDelete,
    Precondition precondition) {

  /** A check before the drop: when {@code sql} returns no row, nothing is sent and {@code leftBehind} says why. */
  public record Precondition(String sql, String leftBehind) {}

  public RenderedDrop {
    statements = List.copyOf(statements);
    filesToDelete = List.copyOf(filesToDelete);
  }

  public RenderedDrop(DropObject object, String objectName, List<String> statements, List<Path> filesToDelete) {
    this(object, objectName, statements, filesToDelete, null);
  }

  public static RenderedDrop of(DropObject object, String objectName, String statement) {
    return new RenderedDrop(object, objectName, List.of(statement), List.of());
  }

  public static RenderedDrop of(DropObject object, String objectName, List<String> statements) {
    return new RenderedDrop(object, objectName, statements, List.of());
  }
}
