package dev.envsweep.core.state;

import dev.envsweep.core.model.Environment;
import dev.envsweep.core.model.SnapshotTableInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.envsweep.core.SqlStates;
import dev.envsweep.core.config.StateStoreConfig;
import dev.envsweep.dialects.Dialect;
import dev.envsweep.dialects.StateStoreSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import javax.sql.DataSource;

/**
 * SQLMesh's state tables ({@code <schema>._environments}, {@code _environment_statements}, reference sections
 * 1-3), read and written exactly as SQLMesh would, with every value bound and every identifier quoted by the
 * state store's dialect. envsweep's own tables live in {@link EnvsweepTables}, never in SQLMesh's schema.
 *
 * <p>Columns are read by name, only those the stored schema version has (checked through
 * {@link java.sql.DatabaseMetaData}); a missing one takes SQLMesh's default.
 */
public final class StateStore {
  public static final String ENVIRONMENTS = "_environments";
  public static final String ENVIRONMENT_STATEMENTS = "_environment_statements";

  /** Columns cleanup reads, in the order they are selected. */
  private static final List<String> READ_COLUMNS = List.of("name", "snapshots", "plan_id", "expiration_ts",
      "finalized_ts", "suffix_target", "catalog_name_override", "normalize_name", "gateway_managed",
      "previous_plan_id", "previous_finalized_snapshots", "promoted_snapshot_ids");

  private final DataSource dataSource;
  private final Dialect dialect;
  private final StateStoreSql sql;
  private final String environments;
  private final String statements;
  private final String selectColumns;
  private final String expirySql;
  private final Set<String> presentColumns;

  StateStore(DataSource dataSource, Dialect dialect, String environments, String statements,
      Set<String> presentColumns) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.sql = dialect.stateStoreSql();
    this.environments = environments;
    this.statements = statements;
    this.presentColumns = Set.copyOf(presentColumns);
    StringJoiner cols = new StringJoiner(", ");
    for (String c : READ_COLUMNS) {
      cols.add(presentColumns.contains(c) ? q(c) : "NULL AS " + q(c));
    }
    this.selectColumns = cols.toString();
    this.expirySql = "SELECT " + q("plan_id") + ", " + q("expiration_ts") + ", " + sql.epochMillisNow() + " FROM "
        + environments + " WHERE " + q("name") + " = ?";
  }

  /**
   * Checks (or, where allowed, creates) SQLMesh's tables and returns the store. A missing
   * {@code _environments} is an error unless {@code state_store.create} is set: a typo in the URL must not look
   * like an empty backlog.
   */
  public static StateStore open(DataSource dataSource, Dialect dialect, StateStoreConfig config, String safeUrl)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      StateCatalogue catalogue = new StateCatalogue(c, dialect, config.schema());
      if (!catalogue.tableExists(ENVIRONMENTS)) {
        if (!config.create()) {
          throw SqlStates.configuration("no SQLMesh state at " + safeUrl + ", schema "
              + (config.schema().isEmpty() ? "(connection default)" : config.schema())
              + ": table " + ENVIRONMENTS + " does not exist (check the URL and schema, or set "
              + "state_store.create: true to start an empty state store)");
        }
        catalogue.createSqlMeshTables();
      }
      int version = catalogue.checkVersion(config.allowNewerSchema(), safeUrl);
      Set<String> columns = catalogue.columns(ENVIRONMENTS);
      // A version newer than envsweep knows is read only if nothing envsweep reads has gone; a known one may
      // lack the columns later versions added, which then take SQLMesh's defaults.
      List<String> required = version > StateCatalogue.MAX_SCHEMA_VERSION ? READ_COLUMNS
          : List.of("name", "snapshots", "plan_id", "expiration_ts");
      List<String> missing = required.stream().filter(col -> !columns.contains(col)).toList();
      if (!missing.isEmpty()) {
        throw SqlStates.configuration("SQLMesh state at " + safeUrl + (version > 0 ? " (schema version " + version
            + ")" : "") + " has no column " + String.join(", ", missing) + " in " + ENVIRONMENTS
            + "; envsweep cannot read it");
      }
      String statementsTable = catalogue.tableExists(ENVIRONMENT_STATEMENTS)
          ? catalogue.qualified(ENVIRONMENT_STATEMENTS) : null;
      return new StateStore(dataSource, dialect, catalogue.qualified(ENVIRONMENTS), statementsTable, columns);
    }
  }

  public Dialect dialect() {
    return dialect;
  }

  public Connection connection() throws SQLException {
    return dataSource.getConnection();
  }

  /** The state store's clock, in epoch milliseconds: expiry is judged by it, never by a client's. */
  public long now(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + sql.epochMillisNow())) {
      rs.next();
      return rs.getLong(1);
    }
  }

  public long now() throws SQLException {
    try (Connection c = connection()) {
      return now(c);
    }
  }

  /**
   * One page of the environments expired at {@code now}, after {@code after}, in name order, whole rows: what the
   * cleanup plans its catalogue listing from. Read without locks; each environment is claimed on its own later.
   */
  public List<EnvironmentRecord> expiredRecords(long now, String after, int limit) throws SQLException {
    String query = "SELECT " + selectColumns + " FROM " + environments + " WHERE " + q("expiration_ts")
        + " <= ? AND " + q("name") + " > ? ORDER BY " + q("name") + " " + sql.limitClause();
    try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(query)) {
      ps.setLong(1, now);
      ps.setString(2, after);
      ps.setInt(3, limit);
      return records(ps);
    }
  }

  /** How many environments are expired at {@code now} (the janitor's progress total). */
  public long countExpired(long now) throws SQLException {
    try (Connection c = connection(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM "
        + environments + " WHERE " + q("expiration_ts") + " <= ?")) {
      ps.setLong(1, now);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  /**
   * Environment counts for monitoring, computed in the state store rather than by reading rows.
   *
   * @param total rows whose name is not in {@code protectedRows}
   * @param expired those of them expired at the {@code now} given
   * @param oldestExpiredTs the smallest {@code expiration_ts} among them, null when none is expired
   * @param protectedRows stored name and {@code expiration_ts} of each row the caller's rule protects
   */
  public record EnvironmentCounts(long total, long expired, Long oldestExpiredTs,
      java.util.Map<String, Long> protectedRows) {}

  /**
   * Counts environments in two aggregate queries, never reading snapshots. Protection is decided on the
   * sanitised name, which SQL cannot compute on every engine, so the rows that may be protected are found first
   * with {@code LOWER(name) LIKE <sanitised protected name>} (a sanitised name has only word characters and
   * {@code _}, LIKE's one-character wildcard, so this finds every raw spelling of it and perhaps a few more),
   * kept when {@code isProtected} accepts the name, and left out of the counts by name.
   */
  public EnvironmentCounts environmentCounts(long now, Set<String> protectedNames,
      java.util.function.Predicate<String> isProtected) throws SQLException {
    java.util.Map<String, Long> protectedRows = new java.util.TreeMap<>();
    try (Connection c = connection()) {
      if (!protectedNames.isEmpty()) {
        StringJoiner likes = new StringJoiner(" OR ");
        protectedNames.forEach(n -> likes.add("LOWER(" + q("name") + ") LIKE ?"));
        try (PreparedStatement ps = c.prepareStatement("SELECT " + q("name") + ", " + q("expiration_ts")
            + " FROM " + environments + " WHERE " + likes)) {
          int i = 1;
          for (String n : protectedNames) {
            ps.setString(i++, n);
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              String name = rs.getString(1);
              Long ts = longOrNull(rs, 2);
              if (isProtected.test(name)) {
                protectedRows.put(name, ts);
              }
            }
          }
        }
      }
      String expired = q("expiration_ts") + " <= ?";
      String query = "SELECT COUNT(*), SUM(CASE WHEN " + expired + " THEN 1 ELSE 0 END), MIN(CASE WHEN "
          + expired + " THEN " + q("expiration_ts") + " END) FROM " + environments
          + (protectedRows.isEmpty() ? "" : " WHERE " + q("name") + " NOT IN ("
          + String.join(", ", java.util.Collections.nCopies(protectedRows.size(), "?")) + ")");
      try (PreparedStatement ps = c.prepareStatement(query)) {
        ps.setLong(1, now);
        ps.setLong(2, now);
        int i = 3;
        for (String name : protectedRows.keySet()) {
          ps.setString(i++, name);
        }
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return new EnvironmentCounts(rs.getLong(1), rs.getLong(2), longOrNull(rs, 3), protectedRows);
        }
      }
    }
  }

  /** One page of names of environments expired at {@code now}, after {@code after}, in name order. */
  public List<String> expiredNames(long now, String after, int limit) throws SQLException {
    String query = "SELECT " + q("name") + " FROM " + environments + " WHERE " + q("expiration_ts")
        + " <= ? AND " + q("name") + " > ? ORDER BY " + q("name") + " " + sql.limitClause();
    List<String> names = new ArrayList<>();
    try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(query)) {
      ps.setLong(1, now);
      ps.setString(2, after);
      ps.setInt(3, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
    }
    return names;
  }

  /**
   * The environment, if it is still expired at {@code now}, locked against other janitors where the engine has
   * row locks (a row another janitor holds is skipped, not waited for). Call inside a transaction.
   */
  public Optional<EnvironmentRecord> lockIfExpired(Connection c, String name, long now) throws SQLException {
    String query = "SELECT " + selectColumns + " FROM " + environments + " WHERE " + q("name") + " = ? AND "
        + q("expiration_ts") + " <= ?" + (sql.lockRowsClause().isEmpty() ? "" : " " + sql.lockRowsClause());
    try (PreparedStatement ps = c.prepareStatement(query)) {
      ps.setString(1, name);
      ps.setLong(2, now);
      return readOne(ps);
    }
  }

  /**
   * Claims environments already read, in one round trip: locks the rows of those still expired and not held by
   * another janitor and returns their plan ids ("" when NULL) by name, reading nothing else. A plan id equal to
   * the one read before means the row is still that version (SQLMesh gives every plan a new id), so its
   * snapshots need not be fetched and parsed again; otherwise the caller reads it afresh with
   * {@link #lockIfExpired}.
   */
  public java.util.Map<String, String> lockPlanIdsIfExpired(Connection c, List<String> names, long now)
      throws SQLException {
    java.util.Map<String, String> out = new java.util.HashMap<>();
    if (names.isEmpty()) {
      return out;
    }
    String query = "SELECT " + q("name") + ", " + q("plan_id") + " FROM " + environments + " WHERE " + q("name")
        + " IN (" + String.join(", ", java.util.Collections.nCopies(names.size(), "?")) + ") AND "
        + q("expiration_ts") + " <= ?" + (sql.lockRowsClause().isEmpty() ? "" : " " + sql.lockRowsClause());
    try (PreparedStatement ps = c.prepareStatement(query)) {
      int i = 1;
      for (String name : names) {
        ps.setString(i++, name);
      }
      ps.setLong(i, now);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), java.util.Objects.toString(rs.getString(2), ""));
        }
      }
    }
    return out;
  }

  /**
   * Whether a batch's environments can all be claimed in one query. Where every read in a transaction sees the
   * state as the transaction began and nothing is locked (DuckDB), a claim sent just before an environment's
   * drops reads exactly what one sent at the start of the batch reads, so one claim per environment would only
   * cost round trips. Elsewhere claims go out as drops can start: a locked row then waits only for drops already
   * running, and a read-committed read sees a re-plan as late as possible.
   */
  public boolean claimsWholeBatch() {
    return sql.lockRowsClause().isEmpty() && sql.readsSeeTransactionStart();
  }

  /** An environment's expiry as a change to it needs it, with the state store's clock read in the same query. */
  public record Expiry(String planId, Long expirationTs, long now) {}

  /**
   * The expiry of the environment of that (stored) name and the state store's now, in one round trip and without
   * its snapshots: all INVALIDATE, RESTORE and ALTER ENVIRONMENT read.
   */
  public Optional<Expiry> expiry(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(expirySql)) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        String planId = rs.getString(1);
        long expiration = rs.getLong(2);
        Long expirationTs = rs.wasNull() ? null : expiration; // NULL: never expires (read before the next column)
        return Optional.of(new Expiry(planId, expirationTs, rs.getLong(3)));
      }
    }
  }

  /** The environment of that (stored) name. */
  public Optional<EnvironmentRecord> find(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + selectColumns + " FROM " + environments
        + " WHERE " + q("name") + " = ?")) {
      ps.setString(1, name);
      return readOne(ps);
    }
  }

  /** One page of all environments after {@code after}, in name order, for {@code sys.environments}. */
  public List<EnvironmentRecord> page(String after, int limit) throws SQLException {
    String query = "SELECT " + selectColumns + " FROM " + environments + " WHERE " + q("name") + " > ? ORDER BY "
        + q("name") + " " + sql.limitClause();
    try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(query)) {
      ps.setString(1, after);
      ps.setInt(2, limit);
      return records(ps);
    }
  }

  private List<EnvironmentRecord> records(PreparedStatement ps) throws SQLException {
    List<EnvironmentRecord> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(record(rs));
      }
    }
    return out;
  }

  /**
   * One page of names matching the LIKE {@code pattern} (see {@link dev.envsweep.core.LikePattern}), after
   * {@code after} in name order; with {@code finalizedBefore}, only those finalized at or before it (a row with
   * no {@code finalized_ts} never matches an age). The pattern is matched here, not in SQL, so that it means the
   * same on every engine; names are read a page at a time.
   */
  public List<String> matchingNames(String pattern, Long finalizedBefore, String after, int limit)
      throws SQLException {
    String query = "SELECT " + q("name") + " FROM " + environments + " WHERE " + q("name") + " > ?"
        + (finalizedBefore == null ? "" : " AND " + q("finalized_ts") + " IS NOT NULL AND " + q("finalized_ts")
        + " <= ?") + " ORDER BY " + q("name") + " " + sql.limitClause();
    dev.envsweep.core.LikePattern like = dev.envsweep.core.LikePattern.of(pattern);
    List<String> names = new ArrayList<>();
    String from = after;
    try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(query)) {
      while (names.size() < limit) {
        int i = 1;
        ps.setString(i++, from);
        if (finalizedBefore != null) {
          ps.setLong(i++, finalizedBefore);
        }
        ps.setInt(i, limit);
        int read = 0;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            read++;
            from = rs.getString(1);
            if (like.matches(from) && names.size() < limit) {
              names.add(from);
            }
          }
        }
        if (read < limit) {
          break;
        }
      }
    }
    return names;
  }

  /** The statement {@link #setExpiration} sends, for result rows. */
  public String setExpirationSql() {
    return "UPDATE " + environments + " SET " + q("expiration_ts") + " = ? WHERE " + q("name") + " = ?";
  }

  /** Sets (or, with null, clears) the expiry. */
  public int setExpiration(Connection c, String name, Long expirationTs) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(setExpirationSql())) {
      if (expirationTs == null) {
        ps.setNull(1, java.sql.Types.BIGINT);
      } else {
        ps.setLong(1, expirationTs);
      }
      ps.setString(2, name);
      return ps.executeUpdate();
    }
  }

  /** The statement {@link #delete} sends first, for result rows. */
  public String deleteSql() {
    return "DELETE FROM " + environments + " WHERE " + q("name") + " = ? AND " + q("plan_id") + " = ? AND "
        + q("expiration_ts") + " <= ?";
  }

  /**
   * Deletes exactly this environment's row, and its statements: only while the name and plan id still match and
   * it is still expired, so an environment re-planned meanwhile is never deleted. Returns the rows deleted from
   * {@code _environments} (0 or 1).
   */
  public int delete(Connection c, Environment env, long now) throws SQLException {
    return deleteAll(c, List.of(env), now)[0];
  }

  /**
   * {@link #delete} for several environments, on the caller's connection: the number of rows each environment's
   * delete removed, in order. One statement deletes them all, each only under its own name, plan id and expiry
   * (a JDBC batch would be one statement per environment on engines that do not pipeline batches, ~6 ms each on
   * DuckDB). When fewer rows go than asked for (a row changed since its claim, on an engine without row locks),
   * one more query tells which: a row still there under that name was not deleted.
   */
  public int[] deleteAll(Connection c, List<Environment> envs, long now) throws SQLException {
    int[] deleted = new int[envs.size()];
    for (int from = 0; from < envs.size(); from += ENVIRONMENTS_PER_DELETE) {
      List<Environment> chunk = envs.subList(from, Math.min(envs.size(), from + ENVIRONMENTS_PER_DELETE));
      int[] chunkDeleted = deleteChunk(c, chunk, now);
      System.arraycopy(chunkDeleted, 0, deleted, from, chunkDeleted.length);
    }
    if (statements != null) {
      List<String> gone = new ArrayList<>();
      for (int i = 0; i < envs.size(); i++) {
        if (deleted[i] != 0) {
          gone.add(envs.get(i).name());
        }
      }
      deleteByName(c, statements, q("environment_name"), gone);
    }
    return deleted;
  }

  /** Environments one {@code DELETE} of {@link #deleteAll} carries (three parameters each). */
  static final int ENVIRONMENTS_PER_DELETE = 100;

  private int[] deleteChunk(Connection c, List<Environment> envs, long now) throws SQLException {
    int[] deleted = new int[envs.size()];
    if (envs.isEmpty()) {
      return deleted;
    }
    // The name list first, so engines find the rows by the primary key before checking the pairs.
    String names = String.join(", ", java.util.Collections.nCopies(envs.size(), "?"));
    String pairs = String.join(" OR ", java.util.Collections.nCopies(envs.size(),
        "(" + q("name") + " = ? AND " + q("plan_id") + " = ?)"));
    int count;
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + environments + " WHERE " + q("name") + " IN ("
        + names + ") AND " + q("expiration_ts") + " <= ? AND (" + pairs + ")")) {
      int i = 1;
      for (Environment env : envs) {
        ps.setString(i++, env.name());
      }
      ps.setLong(i++, now);
      for (Environment env : envs) {
        ps.setString(i++, env.name());
        ps.setString(i++, env.planId());
      }
      count = ps.executeUpdate();
    }
    java.util.Arrays.fill(deleted, 1);
    if (count == envs.size()) {
      return deleted;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT " + q("name") + " FROM " + environments + " WHERE "
        + q("name") + " IN (" + names + ")")) {
      for (int i = 0; i < envs.size(); i++) {
        ps.setString(i + 1, envs.get(i).name());
      }
      Set<String> kept = new java.util.HashSet<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          kept.add(rs.getString(1));
        }
      }
      for (int i = 0; i < envs.size(); i++) {
        deleted[i] = kept.contains(envs.get(i).name()) ? 0 : 1;
      }
    }
    return deleted;
  }

  /** Names one {@code DELETE ... IN (...)} carries. */
  static final int NAMES_PER_STATEMENT = 500;

  /**
   * Deletes the rows of {@code table} whose {@code column} is one of {@code names}: one statement per
   * {@link #NAMES_PER_STATEMENT} names rather than a JDBC batch, which DuckDB runs as one statement per name.
   */
  static void deleteByName(Connection c, String table, String column, List<String> names) throws SQLException {
    for (int from = 0; from < names.size(); from += NAMES_PER_STATEMENT) {
      List<String> chunk = names.subList(from, Math.min(names.size(), from + NAMES_PER_STATEMENT));
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE " + column + " IN ("
          + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")")) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 1, chunk.get(i));
        }
        ps.executeUpdate();
      }
    }
  }

  private Optional<EnvironmentRecord> readOne(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(record(rs)) : Optional.empty();
    }
  }

  private static EnvironmentRecord record(ResultSet rs) throws SQLException {
    return new EnvironmentRecord(rs.getString(1), rs.getString(2), rs.getString(3), longOrNull(rs, 4),
        longOrNull(rs, 5), rs.getString(6), rs.getString(7), boolOrNull(rs, 8), boolOrNull(rs, 9),
        rs.getString(10), rs.getString(11), rs.getString(12));
  }

  private static Long longOrNull(ResultSet rs, int i) throws SQLException {
    long v = rs.getLong(i);
    return rs.wasNull() ? null : v;
  }

  private static Boolean boolOrNull(ResultSet rs, int i) throws SQLException {
    boolean v = rs.getBoolean(i);
    return rs.wasNull() ? null : v;
  }

  private String q(String identifier) {
    return dialect.quoteIdentifier(identifier);
  }

  /**
   * A row as stored, before interpretation: {@link #environment()} applies SQLMesh's defaults and parses the
   * snapshots, and may fail for this row alone.
   */
  public record EnvironmentRecord(String name, String snapshotsJson, String planId, Long expirationTs,
      Long finalizedTs, String suffixTarget, String catalogNameOverride, Boolean normalizeName,
      Boolean gatewayManaged, String previousPlanId, String previousFinalizedSnapshotsJson,
      String promotedSnapshotIdsJson) {

    /** SQLMesh's loading rules (reference 1.6): NULL normalize_name is true, NULL gateway_managed false. */
    public Environment environment() {
      return new Environment(name, snapshots(), planId, expirationTs, finalizedTs, suffixTarget,
          catalogNameOverride, normalizeName == null || normalizeName,
          gatewayManaged != null && gatewayManaged);
    }

    public List<SnapshotTableInfo> snapshots() {
      return parse(snapshotsJson, "snapshots");
    }

    /**
     * The snapshots of the environment's last finalized version (NULL: none). Cleanup does not need them (they
     * protect physical tables from snapshot GC, which envsweep does not do), but they are read like SQLMesh reads
     * them, so a malformed value is reported rather than ignored.
     */
    public List<SnapshotTableInfo> previousFinalizedSnapshots() {
      return parse(previousFinalizedSnapshotsJson, "previous_finalized_snapshots");
    }

    private List<SnapshotTableInfo> parse(String json, String column) {
      if (json == null || json.isBlank()) {
        return List.of();
      }
      try {
        List<SnapshotTableInfo> list = SnapshotJson.read(json);
        for (SnapshotTableInfo s : list) {
          if (s == null || s.name() == null) {
            throw new InvalidStateException("environment '" + name + "': a snapshot in " + column + " has no name",
                null);
          }
        }
        return list;
      } catch (JsonProcessingException e) {
        throw new InvalidStateException("environment '" + name + "': " + column + " are not valid "
            + "SnapshotTableInfo JSON: " + e.getOriginalMessage(), e);
      }
    }
  }
}
