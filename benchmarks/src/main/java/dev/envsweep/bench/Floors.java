package dev.envsweep.bench;

import dev.envsweep.bench.CaptureDriver.Null;
import dev.envsweep.bench.CaptureDriver.Sent;
import dev.envsweep.core.model.SuffixTarget;
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

  /** Opens a plain JDBC connection to the engine, for each connection a replay needs. */
  interface Connector {
    Connection connect() throws SQLException;
  }

  /**
   * The overhead floor: exactly what envsweep sent (claims, guard listings, drops, state deletes, history
   * inserts), in the order it was sent, with its transactions, on as many plain connections as envsweep had open
   * at once (its state transaction stays open while the drops go out on another connection), one statement at a
   * time. What is left over envsweep's time is its own machinery: Java, the Avatica round trip, pooling.
   */
  static Replayed replay(Connector connector, List<Sent> sent) throws SQLException {
    Map<Integer, Connection> lanes = new HashMap<>();
    Map<String, PreparedStatement> prepared = new HashMap<>();
    int errors = 0;
    int statements = 0;
    String first = null;
    long start = System.nanoTime();
    try {
      for (Sent s : sent) {
        Connection c = lanes.get(s.lane());
        if (c == null) {
          c = connector.connect();
          c.setAutoCommit(true);
          lanes.put(s.lane(), c);
        }
        try {
          switch (s.kind()) {
            case MANUAL_COMMIT -> c.setAutoCommit(false);
            case AUTO_COMMIT -> c.setAutoCommit(true);
            case COMMIT -> c.commit();
            case ROLLBACK -> c.rollback();
            case STATEMENT -> {
              statements++;
              send(c, s, prepared);
            }
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
      for (Connection c : lanes.values()) {
        c.close();
      }
    }
    return new Replayed(System.nanoTime() - start, statements, errors, first);
  }

  private static void send(Connection c, Sent s, Map<String, PreparedStatement> prepared) throws SQLException {
    if (!s.prepared()) {
      try (Statement plain = c.createStatement()) {
        plain.execute(s.sql());
      }
      return;
    }
    String key = s.lane() + ":" + s.sql();
    PreparedStatement ps = prepared.get(key);
    if (ps == null) {
      ps = c.prepareStatement(s.sql());
      prepared.put(key, ps);
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
    return minimal(c, environments, models, 1, target);
  }

  /** As {@link #minimal(Connection, int, int, SuffixTarget)}, the models spread over {@code schemas} schemas. */
  static long minimal(Connection c, int environments, int models, int schemas, SuffixTarget target)
      throws SQLException {
    c.setAutoCommit(true);
    long start = System.nanoTime();
    try (Statement s = c.createStatement()) {
      for (int i = 0; i < environments; i++) {
        String env = Fixture.env(i);
        if (target == SuffixTarget.SCHEMA) {
          for (int k = 0; k < Math.min(schemas, models); k++) {
            s.execute("DROP SCHEMA IF EXISTS " + Fixture.schema(k) + "__" + env + " CASCADE");
          }
        } else {
          for (int m = 1; m <= models; m++) {
            s.execute("DROP VIEW IF EXISTS " + Fixture.schema((m - 1) % schemas) + "." + String.format("m%02d", m)
                + "__" + env);
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
