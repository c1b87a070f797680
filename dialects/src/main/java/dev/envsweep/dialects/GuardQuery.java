package dev.envsweep.dialects;

import java.util.List;

/**
 * The ownership guard's listing: one query per environment and gateway over the engine's catalogue. Its rows
 * have four columns, in order: catalog, schema, name, kind, and optionally two more, the schema and name of the
 * object a dependent depends on (see {@link CatalogueObject}). Values reach it only as bound parameters.
 */
public record GuardQuery(String sql, List<Object> parameters) {

  public GuardQuery {
    parameters = List.copyOf(parameters);
  }
}
