package dev.envsweep.core.state;

import dev.envsweep.core.model.ResultRow;
import dev.envsweep.core.model.Status;
import dev.envsweep.core.model.Orphan;
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
 * queryable by its run id.
 */
public final class EnvsweepTables {
  public static final String SCHEMA = "envsweep";
  public static final String HISTORY = "cleanup_history";
  public static final String ORPHANS = "orphans";
  public static final String INVALIDATIONS = "invalidations";

  /** Created on first use, as StateStore's: no JSON is read or written while the server starts. */
  private static final class Json {
    static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
        new com.fasterxml.jackson.databind.ObjectMapper();
  }

  /** Result columns as stored, in result order. */
  private static final List<String> RESULT_COLUMNS = List.of("environment", "gateway", "object_kind",
      "object_name", "sql", "status", "message", "elapsed_ms");

  private final DataSource dataSource;
  private final Dialect dialect;
  private final String history;
  private final String insertSql;
  /** {@link #insertSql} for {@link #ROWS_PER_INSERT} rows. */
  private final String fullInsertSql;
  private final String runPageSql;
  private final String scanPageSql;
  private final String orphans;
  private final String invalidations;

  private EnvsweepTables(DataSource dataSource, Dialect dialect, String history, String orphans,
      String invalidations) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.history = history;
    this.orphans = orphans;
    this.invalidations = invalidations;
    StateStoreSql sql = dialect.stateStoreSql();
    String resultCols = String.join(", ", RESULT_COLUMNS.stream().map(this::q).toList());
    this.insertSql = "INSERT INTO " + history + " (" + q("run_id") + ", " + q("seq") + ", " + q("at_ms") + ", "
        + resultCols + ", " + q("server") + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    String select = "SELECT " + q("run_id") + ", " + q("seq") + ", " + q("at_ms") + ", " + resultCols + ", "
        + q("server") + " FROM " + history;
    this.runPageSql = select + " WHERE " + q("run_id") + " = ? AND " + q("seq") + " > ? ORDER BY " + q("seq")
        + " " + sql.limitClause();
    this.fullInsertSql = insertSql(ROWS_PER_INSERT);
    this.scanPageSql = select + " WHERE " + q("run_id") + " > ? OR (" + q("run_id") + " = ? AND " + q("seq")
        + " > ?) ORDER BY " + q("run_id") + ", " + q("seq") + " " + sql.limitClause();
  }

  /** Creates envsweep's schema and tables when missing. */
  public static EnvsweepTables open(DataSource dataSource, Dialect dialect) throws SQLException {
    StateStoreSql t = dialect.stateStoreSql();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      StateCatalogue catalogue = new StateCatalogue(c, dialect, SCHEMA);
      EnvsweepTables tables = new EnvsweepTables(dataSource, dialect, catalogue.qualified(HISTORY),
          catalogue.qualified(ORPHANS), catalogue.qualified(INVALIDATIONS));
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
      s.execute("CREATE TABLE IF NOT EXISTS " + tables.orphans + " ("
          + tables.q("id") + " " + t.indexText() + " NOT NULL, "
          + tables.q("environment") + " " + t.text() + ", "
          + tables.q("gateway") + " " + t.text() + ", "
          + tables.q("object_kind") + " " + t.text() + ", "
          + tables.q("catalog_name") + " " + t.text() + ", "
          + tables.q("schema_name") + " " + t.text() + ", "
          + tables.q("object_name") + " " + t.text() + ", "
          + tables.q("display_name") + " " + t.text() + ", "
          + tables.q("force_drop") + " " + t.bool() + ", "
          + tables.q("owned_views") + " " + t.blobText() + ", "
          + tables.q("left_at_ms") + " " + t.bigint() + ", "
          + tables.q("attempts") + " " + t.bigint() + ", "
          + tables.q("last_error") + " " + t.text() + ", "
          + "PRIMARY KEY (" + tables.q("id") + "))");
      s.execute("CREATE TABLE IF NOT EXISTS " + tables.invalidations + " ("
          + tables.q("name") + " " + t.indexText() + " NOT NULL, "
          + tables.q("plan_id") + " " + t.text() + ", "
          + tables.q("previous_expiration_ts") + " " + t.bigint() + ", "
          + tables.q("invalidated_at_ms") + " " + t.bigint() + ", "
          + "PRIMARY KEY (" + tables.q("name") + "))");
      return tables;
    }
  }

  /** One recorded row. */
  public record HistoryRow(String runId, long seq, long atMs, ResultRow row, String server) {}

  /**
   * Appends rows, on the caller's connection (inside its unit of work): full chunks of {@link #ROWS_PER_INSERT}
   * through one statement prepared once (preparing 1,200 parameters costs DuckDB about as much as running it),
   * then the rest.
   */
  public void append(Connection c, List<HistoryRow> rows) throws SQLException {
    int full = rows.size() / ROWS_PER_INSERT * ROWS_PER_INSERT;
    if (full > 0) {
      try (PreparedStatement ps = c.prepareStatement(fullInsertSql)) {
        for (int from = 0; from < full; from += ROWS_PER_INSERT) {
          insert(ps, rows.subList(from, from + ROWS_PER_INSERT));
        }
      }
    }
    if (full < rows.size()) {
      try (PreparedStatement ps = c.prepareStatement(insertSql(rows.size() - full))) {
        insert(ps, rows.subList(full, rows.size()));
      }
    }
  }

  private static void insert(PreparedStatement ps, List<HistoryRow> chunk) throws SQLException {
    int i = 1;
    for (HistoryRow h : chunk) {
      ResultRow r = h.row();
      ps.setString(i++, h.runId());
      ps.setLong(i++, h.seq());
      ps.setLong(i++, h.atMs());
      ps.setString(i++, r.environment());
      ps.setString(i++, r.gateway());
      ps.setString(i++, r.objectKind());
      ps.setString(i++, r.objectName());
      ps.setString(i++, r.sql());
      ps.setString(i++, r.status().name());
      ps.setString(i++, r.message());
      ps.setLong(i++, r.elapsedMs());
      ps.setString(i++, h.server());
    }
    ps.executeUpdate();
  }

  /**
   * History rows one INSERT carries: one multi-row statement instead of a JDBC batch, because DuckDB runs a batch
   * as one statement per row (~0.6 ms each); 100 rows of 12 parameters stay within every engine's limits
   * (SQL Server's 2,100 is the lowest).
   */
  static final int ROWS_PER_INSERT = 100;

  private String insertSql(int rows) {
    return insertSql + ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)".repeat(rows - 1);
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

  /** What an invalidation changed, so RESTORE can undo it. */
  public record Invalidation(String name, String planId, Long previousExpirationTs, long invalidatedAtMs) {}

  /** Remembers the expiry an invalidation replaced (the latest invalidation of a name wins). */
  public void rememberInvalidation(Connection c, Invalidation i) throws SQLException {
    forgetInvalidation(c, i.name());
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + invalidations + " VALUES (?, ?, ?, ?)")) {
      ps.setString(1, i.name());
      ps.setString(2, i.planId());
      if (i.previousExpirationTs() == null) {
        ps.setNull(3, java.sql.Types.BIGINT);
      } else {
        ps.setLong(3, i.previousExpirationTs());
      }
      ps.setLong(4, i.invalidatedAtMs());
      ps.executeUpdate();
    }
  }

  public java.util.Optional<Invalidation> invalidation(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + q("name") + ", " + q("plan_id") + ", "
        + q("previous_expiration_ts") + ", " + q("invalidated_at_ms") + " FROM " + invalidations + " WHERE "
        + q("name") + " = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return java.util.Optional.empty();
        }
        long previous = rs.getLong(3);
        Long prev = rs.wasNull() ? null : previous;
        return java.util.Optional.of(new Invalidation(rs.getString(1), rs.getString(2), prev, rs.getLong(4)));
      }
    }
  }

  /** {@link #forgetInvalidation} for several names, in one statement per {@link StateStore#NAMES_PER_STATEMENT}. */
  public void forgetInvalidations(Connection c, List<String> names) throws SQLException {
    StateStore.deleteByName(c, invalidations, q("name"), names);
  }

  public void forgetInvalidation(Connection c, String name) throws SQLException {
    forgetInvalidations(c, List.of(name));
  }

  /** Records objects left behind, on the caller's connection (inside the unit of work that deleted their state). */
  public void addOrphans(Connection c, List<Orphan> left) throws SQLException {
    if (left.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + orphans + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        + "?, ?, ?)")) {
      for (Orphan o : left) {
        ps.setString(1, o.id());
        ps.setString(2, o.environment());
        ps.setString(3, o.gateway());
        ps.setString(4, o.object().kind().name());
        ps.setString(5, o.object().catalog());
        ps.setString(6, o.object().schema());
        ps.setString(7, o.object().name());
        ps.setString(8, o.displayName());
        ps.setBoolean(9, o.force());
        ps.setString(10, viewsJson(o.ownedViews()));
        ps.setLong(11, o.leftAtMs());
        ps.setLong(12, o.attempts());
        ps.setString(13, o.lastError());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** How many history rows have this object kind and status (either may be null). */
  public record ObjectCount(String objectKind, String status, long count) {}

  /** History rows counted by object kind and status, in one aggregate query. */
  public List<ObjectCount> objectCounts() throws SQLException {
    String query = "SELECT " + q("object_kind") + ", " + q("status") + ", COUNT(*) FROM " + history
        + " GROUP BY " + q("object_kind") + ", " + q("status");
    List<ObjectCount> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      while (rs.next()) {
        out.add(new ObjectCount(rs.getString(1), rs.getString(2), rs.getLong(3)));
      }
    }
    return out;
  }

  /**
   * Cleanup runs with or without a FAILED row: how many, and their summed duration in milliseconds.
   *
   * @param failed whether these runs left at least one FAILED row
   */
  public record RunCount(boolean failed, long runs, long durationMs) {}

  /**
   * Cleanup runs counted from the history in one query. A run is a cleanup run when it recorded a DROPPED,
   * SKIPPED, FAILED or DELETED row (CLEANUP, INVALIDATE ... SYNC, the janitor; a cleanup that found nothing
   * records nothing and is not counted). Its duration runs from its first statement's start (recorded time less
   * elapsed) to its last recorded row.
   */
  public List<RunCount> runCounts() throws SQLException {
    String failed = q("run_failed");
    String ms = q("run_ms");
    String cleanup = "'" + Status.DROPPED.name() + "', '" + Status.SKIPPED.name() + "', '" + Status.FAILED.name()
        + "', '" + Status.DELETED.name() + "'";
    String perRun = "SELECT MAX(CASE WHEN " + q("status") + " = '" + Status.FAILED.name() + "' THEN 1 ELSE 0 END) "
        + failed + ", MAX(" + q("at_ms") + ") - MIN(" + q("at_ms") + " - COALESCE(" + q("elapsed_ms") + ", 0)) "
        + ms + " FROM " + history + " GROUP BY " + q("run_id") + " HAVING SUM(CASE WHEN " + q("status") + " IN ("
        + cleanup + ") THEN 1 ELSE 0 END) > 0";
    String query = "SELECT " + failed + ", COUNT(*), SUM(" + ms + ") FROM (" + perRun + ") " + q("runs")
        + " GROUP BY " + failed;
    List<RunCount> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      while (rs.next()) {
        out.add(new RunCount(rs.getInt(1) == 1, rs.getLong(2), rs.getLong(3)));
      }
    }
    return out;
  }

  /** Orphans of one gateway and object kind: how many, and when the oldest was left (epoch ms). */
  public record OrphanCount(String gateway, String objectKind, long count, long oldestLeftAtMs) {}

  /** {@code sys.orphans} counted by gateway and object kind, in one aggregate query. */
  public List<OrphanCount> orphanCounts() throws SQLException {
    String query = "SELECT " + q("gateway") + ", " + q("object_kind") + ", COUNT(*), MIN(" + q("left_at_ms")
        + ") FROM " + orphans + " GROUP BY " + q("gateway") + ", " + q("object_kind");
    List<OrphanCount> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      while (rs.next()) {
        out.add(new OrphanCount(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
      }
    }
    return out;
  }

  /** One page of orphans after {@code afterId}, in id order. */
  public List<Orphan> orphanPage(String afterId, int limit) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(orphanSelect()
        + " WHERE " + q("id") + " > ? ORDER BY " + q("id") + " " + dialect.stateStoreSql().limitClause())) {
      ps.setString(1, afterId);
      ps.setInt(2, limit);
      return readOrphans(ps);
    }
  }

  /** The orphan, locked against other janitors (skipped if one holds it); null when gone or held. */
  public Orphan lockOrphan(Connection c, String id) throws SQLException {
    String lock = dialect.stateStoreSql().lockRowsClause();
    try (PreparedStatement ps = c.prepareStatement(orphanSelect() + " WHERE " + q("id") + " = ?"
        + (lock.isEmpty() ? "" : " " + lock))) {
      ps.setString(1, id);
      List<Orphan> found = readOrphans(ps);
      return found.isEmpty() ? null : found.get(0);
    }
  }

  public void deleteOrphan(Connection c, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + orphans + " WHERE " + q("id") + " = ?")) {
      ps.setString(1, id);
      ps.executeUpdate();
    }
  }

  public void orphanStillThere(Connection c, String id, String error) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE " + orphans + " SET " + q("attempts") + " = "
        + q("attempts") + " + 1, " + q("last_error") + " = ? WHERE " + q("id") + " = ?")) {
      ps.setString(1, error);
      ps.setString(2, id);
      ps.executeUpdate();
    }
  }

  private String orphanSelect() {
    return "SELECT " + String.join(", ", java.util.stream.Stream.of("id", "environment", "gateway", "object_kind",
        "catalog_name", "schema_name", "object_name", "display_name", "force_drop", "owned_views", "left_at_ms",
        "attempts", "last_error").map(this::q).toList()) + " FROM " + orphans;
  }

  private static List<Orphan> readOrphans(PreparedStatement ps) throws SQLException {
    List<Orphan> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Orphan(rs.getString(1), rs.getString(2), rs.getString(3),
            new dev.envsweep.dialects.DropObject(dev.envsweep.dialects.ObjectKind.valueOf(rs.getString(4)),
                rs.getString(5), rs.getString(6), rs.getString(7)),
            rs.getString(8), rs.getBoolean(9), views(rs.getString(10)), rs.getLong(11), rs.getLong(12),
            rs.getString(13)));
      }
    }
    return out;
  }

  private static String viewsJson(java.util.Set<dev.envsweep.dialects.DropObject> views) {
    List<List<String>> parts = new ArrayList<>();
    for (dev.envsweep.dialects.DropObject v : views) {
      parts.add(java.util.Arrays.asList(v.catalog(), v.schema(), v.name()));
    }
    try {
      return Json.MAPPER.writeValueAsString(parts);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static java.util.Set<dev.envsweep.dialects.DropObject> views(String json) throws SQLException {
    java.util.Set<dev.envsweep.dialects.DropObject> out = new java.util.LinkedHashSet<>();
    try {
      for (List<String> p : Json.MAPPER.readValue(json == null ? "[]" : json,
          new com.fasterxml.jackson.core.type.TypeReference<List<List<String>>>() {})) {
        out.add(dev.envsweep.dialects.DropObject.view(p.get(0), p.get(1), p.get(2)));
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new SQLException("envsweep.orphans holds unreadable owned_views: " + e.getOriginalMessage(), "XX000");
    }
    return out;
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
