package dev.envsweep.core.state;

import dev.envsweep.dialects.StateStoreSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The background janitor's lease: one row in {@code envsweep.janitor_lease} naming the janitor that may run
 * and until when, judged by the state store's clock (so servers with skewed clocks still agree). Taking it is
 * one conditional UPDATE, atomic on every engine: it succeeds only when the lease is free, expired, or already
 * this holder's. A janitor that dies leaves a lease that simply runs out.
 *
 * <p>The lease only keeps janitors from doing the same work twice; it is not what makes cleanup safe: each
 * environment is still its own locked unit of work, so two janitors that both ran would still drop nothing
 * twice. Statements from clients never look at it.
 */
public final class JanitorLease {
  public static final String TABLE = "janitor_lease";

  private final StateStore state;
  private final String table;
  private final String acquireSql;
  private final String releaseSql;
  private final String holderSql;

  private JanitorLease(StateStore state, String table) {
    this.state = state;
    this.table = table;
    StateStoreSql sql = state.dialect().stateStoreSql();
    String now = "(" + sql.epochMillisNow() + ")";
    this.acquireSql = "UPDATE " + table + " SET " + q("holder") + " = ?, " + q("expires_at_ms") + " = " + now
        + " + ? WHERE " + q("id") + " = 1 AND (" + q("holder") + " = ? OR " + q("holder") + " IS NULL OR "
        + q("expires_at_ms") + " < " + now + ")";
    this.releaseSql = "UPDATE " + table + " SET " + q("holder") + " = NULL, " + q("expires_at_ms") + " = 0 WHERE "
        + q("id") + " = 1 AND " + q("holder") + " = ?";
    this.holderSql = "SELECT " + q("holder") + " FROM " + table + " WHERE " + q("id") + " = 1 AND "
        + q("expires_at_ms") + " >= " + now;
  }

  /** Creates the table and its one row when missing. */
  public static JanitorLease open(StateStore state) throws SQLException {
    StateStoreSql t = state.dialect().stateStoreSql();
    try (Connection c = state.connection(); Statement s = c.createStatement()) {
      StateCatalogue catalogue = new StateCatalogue(c, state.dialect(), EnvsweepTables.SCHEMA);
      catalogue.createSchema();
      JanitorLease lease = new JanitorLease(state, catalogue.qualified(TABLE));
      s.execute("CREATE TABLE IF NOT EXISTS " + lease.table + " (" + lease.q("id") + " " + t.bigint()
          + " NOT NULL, " + lease.q("holder") + " " + t.text() + ", " + lease.q("expires_at_ms") + " " + t.bigint()
          + ", PRIMARY KEY (" + lease.q("id") + "))");
      boolean present;
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + lease.table)) {
        present = rs.next() && rs.getLong(1) > 0;
      }
      if (!present) {
        try {
          s.executeUpdate("INSERT INTO " + lease.table + " VALUES (1, NULL, 0)");
        } catch (SQLException e) {
          // Another server inserted it first: its row serves.
          if (!lease.sqlState(e).startsWith("23")) {
            throw e;
          }
        }
      }
      return lease;
    }
  }

  /**
   * Takes (or renews) the lease for {@code holder} until the state store's now plus {@code ttlMs}; false when
   * another janitor holds it, or is taking it at this very moment.
   */
  public boolean tryAcquire(String holder, long ttlMs) throws SQLException {
    try (Connection c = state.connection(); PreparedStatement ps = c.prepareStatement(acquireSql)) {
      ps.setString(1, holder);
      ps.setLong(2, ttlMs);
      ps.setString(3, holder);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      if (sqlState(e).startsWith("40")) {
        return false;
      }
      throw e;
    }
  }

  /** Gives the lease up, if {@code holder} still has it. */
  public void release(String holder) throws SQLException {
    try (Connection c = state.connection(); PreparedStatement ps = c.prepareStatement(releaseSql)) {
      ps.setString(1, holder);
      ps.executeUpdate();
    }
  }

  /** Who holds an unexpired lease, or null. */
  public String holder() throws SQLException {
    try (Connection c = state.connection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(holderSql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /** The error's SQLSTATE, or the one its dialect reads from the message (DuckDB sets none). */
  private String sqlState(SQLException e) {
    String given = e.getSQLState() != null ? e.getSQLState() : state.dialect().driver().sqlStateOf(e);
    return given == null ? "" : given;
  }

  private String q(String identifier) {
    return state.dialect().quoteIdentifier(identifier);
  }
}
