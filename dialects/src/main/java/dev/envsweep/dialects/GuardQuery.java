package dev.envsweep.dialects;

import java.util.List;

/**
 * The ownership guard's listing: one query per environment and gateway over the engine's catalogue. Its rows
 * have four columns, in order: catalog, schema, name, kind (see {@link CatalogueObject}). Values reach it only as
 * bound parameters.
 */
public record GuardQuery(String sql, List<Object> parameters) {

  public GuardQuery {
    parameters = List.copyOf(parameters);
  }
}
