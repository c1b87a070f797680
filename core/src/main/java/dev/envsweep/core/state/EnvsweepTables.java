package dev.envsweep.core.state;

import dev.envsweep.dialects.Dialect;
import dev.envsweep.dialects.StateStoreSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * envsweep's own tables, in its own schema {@code envsweep} of the state store (never in SQLMesh's):
 * {@code cleanup_history} records every row every statement produced, keyed by run id and sequence number.
 * Results are read back from it in pages, so memory never grows with the backlog and a failed run's rows stay
 * queryable (DESIGN section 2, "Results are records").
 */
public final class EnvsweepTables {
  public static final String SCHEMA = "envsweep";
  public static final String HISTORY = "cleanup_history";

  /** Result columns as stored, in result order. */
  private static final List<String> RESULT_COLUMNS = List.of("environment", "gateway", "object_kind",
      "object_name", "sql", "status", "message", "elapsed_ms");

  private final DataSource dataSource;
  private final Dialect dialect;
  private final String history;
  private final String insertSql;
  private final String runPageSql;
  private final String scanPageSql;

  private EnvsweepTables(DataSource dataSource, Dialect dialect, String history) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.history = history;
    StateStoreSql sql = dialect.stateStoreSql();
    String resultCols = String.join(", ", RESULT_COLUMNS.stream().map(this::q).toList());
    this.insertSql = "INSERT INTO " + history + " (" + q("run_id") + ", " + q("seq") + ", " + q("at_ms") + ", "
        + resultCols + ", " + q("server") + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    String select = "SELECT " + q("run_id") + ", " + q("seq") + ", " + q("at_ms") + ", " + resultCols + ", "
        + q("server") + " FROM " + history;
    this.runPageSql = select + " WHERE " + q("run_id") + " = ? AND " + q("seq") + " > ? ORDER BY " + q("seq")
        + " " + sql.limitClause();
    this.scanPageSql = select + " WHERE " + q("run_id") + " > ? OR (" + q("run_id") + " = ? AND " + q("seq")
        + " > ?) ORDER BY " + q("run_id") + ", " + q("seq") + " " + sql.limitClause();
  }

  /** Creates envsweep's schema and tables when missing. */
  public static EnvsweepTables open(DataSource dataSource, Dialect dialect) throws SQLException {
    StateStoreSql t = dialect.stateStoreSql();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      StateCatalogue catalogue = new StateCatalogue(c, dialect, SCHEMA);
      EnvsweepTables tables = new EnvsweepTables(dataSource, dialect, catalogue.qualified(HISTORY));
      catalogue.createSchema();
      s.execute("CREATE TABLE IF NOT EXISTS " + tables.history + " ("
          + tables.q("run_id") + " " + t.indexText() + " NOT NULL, "
          + tables.q("seq") + " " + t.bigint() + " NOT NULL, "
          + tables.q("at_ms") + " " + t.bigint() + " NOT NULL, "
          + tables.q("environment") + " " + t.text() + ", "
          + tables.q("gateway") + " " + t.text() + ", "
          + tables.q("object_kind") + " " + t.text() + ", "
          + tables.q("object_name") + " " + t.text() + ", "
          + tables.q("sql") + " " + t.text() + ", "
          + tables.q("status") + " " + t.text() + ", "
          + tables.q("message") + " " + t.text() + ", "
          + tables.q("elapsed_ms") + " " + t.bigint() + ", "
          + tables.q("server") + " " + t.text() + ", "
          + "PRIMARY KEY (" + tables.q("run_id") + ", " + tables.q("seq") + "))");
      return tables;
    }
  }

  /** One recorded row. */
  public record HistoryRow(String runId, long seq, long atMs, ResultRow row, String server) {}

  /** Appends rows in one batch, on the caller's connection (inside its unit of work). */
  public void append(Connection c, List<HistoryRow> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(insertSql)) {
      for (HistoryRow h : rows) {
        ResultRow r = h.row();
        ps.setString(1, h.runId());
        ps.setLong(2, h.seq());
        ps.setLong(3, h.atMs());
        ps.setString(4, r.environment());
        ps.setString(5, r.gateway());
        ps.setString(6, r.objectKind());
        ps.setString(7, r.objectName());
        ps.setString(8, r.sql());
        ps.setString(9, r.status().name());
        ps.setString(10, r.message());
        ps.setLong(11, r.elapsedMs());
        ps.setString(12, h.server());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Appends rows on a connection of its own, committed. */
  public void append(List<HistoryRow> rows) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      append(c, rows);
      if (!c.getAutoCommit()) {
        c.commit();
      }
    }
  }

  /** One page of a run's rows after sequence number {@code afterSeq}, in order. */
  public List<HistoryRow> runPage(String runId, long afterSeq, int limit) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(runPageSql)) {
      ps.setString(1, runId);
      ps.setLong(2, afterSeq);
      ps.setInt(3, limit);
      return read(ps);
    }
  }

  /** One page of all rows after ({@code runId}, {@code seq}), in (run id, seq) order. */
  public List<HistoryRow> scanPage(String afterRunId, long afterSeq, int limit) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(scanPageSql)) {
      ps.setString(1, afterRunId);
      ps.setString(2, afterRunId);
      ps.setLong(3, afterSeq);
      ps.setInt(4, limit);
      return read(ps);
    }
  }

  private static List<HistoryRow> read(PreparedStatement ps) throws SQLException {
    List<HistoryRow> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ResultRow row = new ResultRow(rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
            rs.getString(8), Status.valueOf(rs.getString(9)), rs.getString(10), rs.getLong(11));
        out.add(new HistoryRow(rs.getString(1), rs.getLong(2), rs.getLong(3), row, rs.getString(12)));
      }
    }
    return out;
  }

  private String q(String identifier) {
    return dialect.quoteIdentifier(identifier);
  }
}
