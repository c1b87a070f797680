package dev.envsweep.dialects;

import java.sql.SQLException;
import java.util.List;

/**
 * The little a dialect needs to look at an engine's catalogue: run a query with bound parameters, run a
 * statement. Core implements it over a JDBC connection; golden tests implement it by recording.
 */
public interface CatalogueReader {

  /** Runs a query and returns its rows, each as a list of column values. */
  List<List<Object>> query(String sql, List<?> parameters) throws SQLException;

  /** Runs a statement that returns no rows. */
  void execute(String sql) throws SQLException;
}
