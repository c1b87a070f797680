package dev.envsweep.bench;

import dev.envsweep.bench.CaptureDriver.Null;
import dev.envsweep.bench.CaptureDriver.Sent;
import dev.envsweep.core.state.SuffixTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The two plain-JDBC floors envsweep's cleanup is measured against, each on one connection, sequentially. */
final class Floors {
  private Floors() {}

  /** What a replay did: its time, and statements that failed (there should be none). */
  record Replayed(long nanos, int statements, int errors, String firstError) {}

  /**
   * The overhead floor: exactly what envsweep sent (claims, guard listings, drops, state deletes, history
   * inserts), in the order it was sent, on one autocommit connection. What is left over envsweep's time is its
   * own machinery: Java, the Avatica round trip, transactions, pooling.
   */
  static Replayed replay(Connection c, List<Sent> sent) throws SQLException {
    c.setAutoCommit(true);
    Map<String, PreparedStatement> prepared = new HashMap<>();
    int errors = 0;
    String first = null;
    long start = System.nanoTime();
    try (Statement plain = c.createStatement()) {
      for (Sent s : sent) {
        try {
          if (!s.prepared()) {
            plain.execute(s.sql());
            continue;
          }
          PreparedStatement ps = prepared.get(s.sql());
          if (ps == null) {
            ps = c.prepareStatement(s.sql());
            prepared.put(s.sql(), ps);
          }
          if (s.parameterSets().size() == 1) {
            bind(ps, s.parameterSets().get(0));
            ps.execute();
          } else {
            for (TreeMap<Integer, Object> p : s.parameterSets()) {
              bind(ps, p);
              ps.addBatch();
            }
            ps.executeBatch();
          }
        } catch (SQLException e) {
          errors++;
          if (first == null) {
            first = s.sql() + ": " + e.getMessage();
          }
        }
      }
    } finally {
      for (PreparedStatement ps : prepared.values()) {
        ps.close();
      }
    }
    return new Replayed(System.nanoTime() - start, sent.size(), errors, first);
  }

  private static void bind(PreparedStatement ps, TreeMap<Integer, Object> parameters) throws SQLException {
    for (Map.Entry<Integer, Object> p : parameters.entrySet()) {
      if (p.getValue() instanceof Null n) {
        ps.setNull(p.getKey(), n.sqlType());
      } else {
        ps.setObject(p.getKey(), p.getValue());
      }
    }
  }

  /**
   * The minimal floor: only what SQLMesh's janitor would send for these environments, one {@code DROP SCHEMA ...
   * CASCADE} per environment schema (or one {@code DROP VIEW} per view), then its state deletes, with nothing
   * checked before or recorded after: the price of no safety at all.
   */
  static long minimal(Connection c, int environments, int models, SuffixTarget target) throws SQLException {
    c.setAutoCommit(true);
    long start = System.nanoTime();
    try (Statement s = c.createStatement()) {
      for (int i = 0; i < environments; i++) {
        String env = Fixture.env(i);
        if (target == SuffixTarget.SCHEMA) {
          s.execute("DROP SCHEMA IF EXISTS " + Fixture.SCHEMA + "__" + env + " CASCADE");
        } else {
          for (int m = 1; m <= models; m++) {
            s.execute("DROP VIEW IF EXISTS " + Fixture.SCHEMA + "." + String.format("m%02d", m) + "__" + env);
          }
        }
      }
    }
    try (PreparedStatement del = c.prepareStatement("DELETE FROM sqlmesh._environments WHERE expiration_ts <= ?");
        PreparedStatement statements = c.prepareStatement("DELETE FROM sqlmesh._environment_statements WHERE "
            + "environment_name NOT IN (SELECT name FROM sqlmesh._environments)")) {
      del.setLong(1, System.currentTimeMillis());
      del.executeUpdate();
      statements.executeUpdate();
    }
    return System.nanoTime() - start;
  }
}
