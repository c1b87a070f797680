package dev.envsweep.server;

import dev.envsweep.core.config.EnvsweepConfig;
import dev.envsweep.core.demo.SqlMeshProject;
import dev.envsweep.core.demo.SqlMeshProject.Model;
import dev.envsweep.core.model.SuffixTarget;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code serve --demo}: a small SQLMesh-shaped project in {@code envsweep-demo.duckdb}, rebuilt on every start
 * so a newcomer always sees the same thing: real physical tables, prod views, and three dev environments, one
 * per suffix target, of which {@code feature_a} has already expired. The catalog-suffix environment's catalog
 * is its own file beside it, {@code envsweep-demo__feature_c.db}, as SQLMesh would make it. No other file is
 * touched.
 */
final class Demo {
  private Demo() {}

  static final String CATALOG = "envsweep-demo";

  static EnvsweepConfig create(Path directory) throws SQLException, IOException {
    Path file = directory.resolve(EnvsweepConfig.DEMO_FILE);
    Files.deleteIfExists(file);
    Files.deleteIfExists(Path.of(file + ".wal"));
    try (DirectoryStream<Path> old = Files.newDirectoryStream(directory, CATALOG + "__*.db")) {
      for (Path p : old) {
        Files.deleteIfExists(p);
      }
    }
    long now = System.currentTimeMillis();
    long day = 86_400_000L;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file)) {
      SqlMeshProject project = new SqlMeshProject(c, CATALOG, "sqlmesh", directory);
      project.createStateTables();
      Model full = project.physicalTable(new Model("sqlmesh_example", "full_model"));
      Model incremental = project.physicalTable(new Model("sqlmesh_example", "incremental_model"));
      Model seed = project.physicalTable(new Model("sqlmesh_example", "seed_model", "SEED",
          "3210987654"));
      List<Model> models = List.of(full, incremental, seed);
      project.environment("prod", SuffixTarget.SCHEMA, null, models);
      project.environment("feature_a", SuffixTarget.SCHEMA, now - day, models);
      project.environment("feature_b", SuffixTarget.TABLE, now + 7 * day, models);
      project.environment("feature_c", SuffixTarget.CATALOG, now + 7 * day, models);
    }
    return EnvsweepConfig.embedded(directory, EnvsweepConfig.DEMO_FILE, "demo");
  }
}
