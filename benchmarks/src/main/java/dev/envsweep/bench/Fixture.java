package dev.envsweep.bench;

import dev.envsweep.core.demo.SqlMeshProject;
import dev.envsweep.core.demo.SqlMeshProject.Model;
import dev.envsweep.core.model.SuffixTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What months of PR environments leave behind, written as SQLMesh writes it: M models spread over S schemas
 * ({@code analytics}, {@code analytics2}, ...) with their physical tables, and N environments, each with a view per
 * model (in {@code <schema>__<env>} for the schema suffix target, as {@code <schema>.<model>__<env>} for the table
 * target) and its state row. The same SQL
 * serves PostgreSQL and DuckDB: names are unqualified, in the connection's own catalog.
 */
final class Fixture {
  static final String SCHEMA = "analytics";
  static final long EXPIRED = 1_000L;
  static final long LIVE = 4_000_000_000_000L;

  private final Connection c;
  private final List<Model> models = new ArrayList<>();
  private final SqlMeshProject project;

  Fixture(Connection c, int modelCount) {
    this(c, modelCount, 1);
  }

  /** Models {@code m01..} in {@code schemas} schemas, round robin. */
  Fixture(Connection c, int modelCount, int schemas) {
    this.c = c;
    for (int i = 1; i <= modelCount; i++) {
      models.add(new Model(schema((i - 1) % schemas), String.format("m%02d", i)));
    }
    this.project = new SqlMeshProject(c, Engine.CATALOG, "sqlmesh", null);
  }

  /** The i-th schema's name, from 0. */
  static String schema(int i) {
    return i == 0 ? SCHEMA : SCHEMA + (i + 1);
  }

  static String env(int i) {
    return String.format("e%06d", i);
  }

  /** SQLMesh's state tables and the models' physical tables. */
  Fixture base() throws SQLException {
    project.createStateTables();
    try (Statement s = c.createStatement()) {
      for (String schema : schemas()) {
        s.execute("CREATE SCHEMA sqlmesh__" + schema);
      }
      for (Model m : models) {
        s.execute("CREATE TABLE sqlmesh__" + m.schema() + "." + m.physicalTableName() + " AS SELECT 1 AS id");
      }
      if (!c.getAutoCommit()) {
        c.commit();
      }
    }
    return this;
  }

  /** Environments {@code from .. from+count-1}; with {@code objects} false only their state rows (already absent). */
  Fixture environments(int from, int count, SuffixTarget target, boolean objects, long expiration)
      throws SQLException {
    boolean table = target == SuffixTarget.TABLE;
    if (objects && table) {
      try (Statement s = c.createStatement()) {
        for (String schema : schemas()) {
          s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        }
      }
    }
    String snapshots = project.snapshotsJson(models);
    final int chunk = 500;
    for (int start = from; start < from + count; start += chunk) {
      int end = Math.min(from + count, start + chunk);
      if (objects) {
        try (Statement s = c.createStatement()) {
          for (int i = start; i < end; i++) {
            String env = env(i);
            if (!table) {
              for (String schema : schemas()) {
                s.addBatch("CREATE SCHEMA " + schema + "__" + env);
              }
            }
            for (Model m : models) {
              String view = table ? m.schema() + "." + m.table() + "__" + env
                  : m.schema() + "__" + env + "." + m.table();
              s.addBatch("CREATE VIEW " + view + " AS SELECT * FROM sqlmesh__" + m.schema() + "."
                  + m.physicalTableName());
            }
          }
          s.executeBatch();
        }
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO sqlmesh._environments VALUES (?, ?, "
          + "'2024-01-01', NULL, ?, NULL, ?, 1700000000000, NULL, ?, NULL, NULL, TRUE, '{}', FALSE)")) {
        for (int i = start; i < end; i++) {
          ps.setString(1, env(i));
          ps.setString(2, snapshots);
          ps.setString(3, "plan_" + env(i));
          ps.setLong(4, expiration);
          ps.setString(5, target.stored());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    return this;
  }

  /** The schemas the models are in, in order. */
  List<String> schemas() {
    return models.stream().map(Model::schema).distinct().toList();
  }

  /** How many environment rows and environment views are left. */
  static long[] left(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT (SELECT count(*) FROM sqlmesh._environments), (SELECT count(*) FROM "
            + "information_schema.tables WHERE table_type = 'VIEW' AND (table_schema LIKE '%\\_\\_e%' "
            + "ESCAPE '\\' OR table_name LIKE '%\\_\\_e%' ESCAPE '\\'))")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }
}
