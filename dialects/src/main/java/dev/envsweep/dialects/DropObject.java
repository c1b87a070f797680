package dev.envsweep.dialects;

import java.util.Objects;

/**
 * One object to drop, dialect-neutral: the parts are the names exactly as the engine stores them (already
 * normalised by the planner), unquoted. A view has a name and optionally a schema and catalog; a schema has a
 * schema and optionally a catalog; a catalog has only a catalog.
 */
public record DropObject(ObjectKind kind, String catalog, String schema, String name) {

  public DropObject {
    Objects.requireNonNull(kind, "kind");
    switch (kind) {
      case VIEW -> Objects.requireNonNull(name, "a view needs a name");
      case SCHEMA -> {
        Objects.requireNonNull(schema, "a schema drop needs a schema");
        if (name != null) {
          throw new IllegalArgumentException("a schema drop has no object name");
        }
      }
      case CATALOG -> {
        Objects.requireNonNull(catalog, "a catalog drop needs a catalog");
        if (schema != null || name != null) {
          throw new IllegalArgumentException("a catalog drop has only a catalog");
        }
      }
    }
  }

  public static DropObject view(String catalog, String schema, String name) {
    return new DropObject(ObjectKind.VIEW, catalog, schema, name);
  }

  public static DropObject schema(String catalog, String schema) {
    return new DropObject(ObjectKind.SCHEMA, catalog, schema, null);
  }

  public static DropObject catalog(String catalog) {
    return new DropObject(ObjectKind.CATALOG, catalog, null, null);
  }

  /** Readable, unquoted dotted form for messages and logs ({@code a.b.c}). */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(kind.name()).append(' ');
    String sep = "";
    for (String part : new String[] {catalog, schema, name}) {
      if (part != null) {
        sb.append(sep).append(part);
        sep = ".";
      }
    }
    return sb.toString();
  }
}
