package dev.envsweep.server;

import dev.envsweep.core.demo.SqlMeshProject;
import dev.envsweep.core.demo.SqlMeshProject.Model;
import dev.envsweep.core.model.SuffixTarget;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

/** A real DuckDB warehouse with SQLMesh state written as SQLMesh writes it, and the CLI run on it in-process. */
final class CliFixture {
  static final long DAY = 86_400_000L;

  record Run(int code, String out, String err) {
    List<String> outLines() {
      return out.lines().toList();
    }
  }

  private CliFixture() {}

  /** {@code wh.duckdb} in dir: prod, and {@code pr_000}... with schema suffixes, expired or live; its config. */
  static Path warehouse(Path dir, int environments, boolean expired) throws Exception {
    Path file = dir.resolve("wh.duckdb");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file)) {
      SqlMeshProject project = new SqlMeshProject(c, "wh", "sqlmesh", dir);
      project.createStateTables();
      Model orders = project.physicalTable(new Model("sales", "orders"));
      project.environment("prod", SuffixTarget.SCHEMA, null, List.of(orders));
      long when = System.currentTimeMillis() + (expired ? -DAY : 7 * DAY);
      for (int i = 0; i < environments; i++) {
        project.environment(name(i), SuffixTarget.SCHEMA, when, List.of(orders));
      }
    }
    Path config = dir.resolve("envsweep.yaml");
    Files.writeString(config, "gateways:\n  local:\n    url: jdbc:duckdb:" + file + "\n");
    return config;
  }

  static String name(int i) {
    return String.format("pr_%03d", i);
  }

  /** Something of the user's own in an environment's schema: the ownership guard refuses to drop it. */
  static void foreignTable(Path dir, String environment) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("wh.duckdb"));
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE wh.\"sales__" + environment + "\".precious (x INT)");
    }
  }

  /** {@code envsweep ARGS} in this JVM, its stdout and stderr captured. */
  static synchronized Run cli(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
        PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
      System.setOut(po);
      System.setErr(pe);
      int code = Main.run(args);
      return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
