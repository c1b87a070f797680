package dev.envsweep.core.meta;

import static dev.envsweep.core.testing.DuckDbProject.MODELS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.envsweep.core.model.SuffixTarget;
import dev.envsweep.core.testing.DuckDbProject;
import dev.envsweep.core.testing.Postgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sys.gateways, and the sys schema, tables, columns and procedures as JDBC metadata shows them to a tool. */
class SystemCatalogueTest {
  @TempDir Path dir;
  Connection conn;
  String pgUrl;

  @BeforeEach
  void setUp() throws Exception {
    try (DuckDbProject wh = new DuckDbProject(dir, "wh.duckdb")) {
      wh.project.environment("prod", SuffixTarget.SCHEMA, null, MODELS);
      wh.exec("CREATE SCHEMA analytics");
      wh.exec("CREATE TABLE analytics.orders(id INT)");
    }
    pgUrl = Postgres.freshDatabase("catalogue");
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    Path config = dir.resolve("envsweep.yaml");
    Files.writeString(config, "default_gateway: local\ngateways:\n"
        + "  local:\n    url: jdbc:duckdb:" + dir.resolve("wh.duckdb") + "\n"
        + "  pg:\n    url: " + pgUrl + "&password=hunter2\n    user: postgres\n"
        + "  down:\n    url: jdbc:postgresql://127.0.0.1:" + closedPort + "/x\n    connection_timeout_ms: 500\n");
    conn = DriverManager.getConnection("jdbc:envsweep:" + config);
  }

  @AfterEach
  void tearDown() throws SQLException {
    conn.close();
  }

  static List<List<Object>> rows(ResultSet rs, String... labels) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (String label : labels) {
          row.add(rs.getObject(label));
        }
        out.add(row);
      }
    }
    return out;
  }

  @Test
  void gatewaysShowDialectSafeUrlReachabilityAndPoolCounters() throws SQLException {
    try (Statement s = conn.createStatement()) {
      List<List<Object>> gateways = rows(s.executeQuery("SELECT name, dialect, url, is_default, reachable, error, "
          + "pooled, total_connections, max_connections FROM sys.gateways ORDER BY name"), "name", "dialect", "url",
          "is_default", "reachable", "error", "pooled", "total_connections", "max_connections");
      assertThat(gateways).extracting(r -> r.get(0), r -> r.get(1), r -> r.get(3), r -> r.get(4), r -> r.get(6))
          .containsExactly(tuple("down", "postgres", false, false, true), tuple("local", "duckdb", true, true, false),
              tuple("pg", "postgres", false, true, true));
      assertThat((String) gateways.get(0).get(5)).contains("gateway 'down'").contains("unreachable");
      assertThat(gateways.get(1).get(7)).isNull();
      assertThat((String) gateways.get(2).get(2)).contains("password=***").doesNotContain("hunter2");
      assertThat((Integer) gateways.get(2).get(7)).isGreaterThanOrEqualTo(1);
      assertThat((Integer) gateways.get(2).get(8)).isGreaterThanOrEqualTo(2);
      // Ordinary SQL over it: a filter and a join with another system table.
      assertThat(rows(s.executeQuery("SELECT g.name, COUNT(e.name) AS envs FROM sys.gateways g LEFT JOIN "
          + "sys.environments e ON g.is_default WHERE g.reachable GROUP BY g.name ORDER BY g.name"), "name", "envs"))
          .containsExactly(List.of("local", 1L), List.of("pg", 0L));
    }
  }

  @Test
  void metadataListsTheSysSchemaTablesColumnsAndProcedures() throws SQLException {
    DatabaseMetaData md = conn.getMetaData();
    assertThat(rows(md.getSchemas(), "TABLE_SCHEM")).contains(List.of("sys"), List.of("analytics"));
    assertThat(rows(md.getSchemas(null, "s%"), "TABLE_SCHEM")).contains(List.of("sys"))
        .doesNotContain(List.of("analytics"));

    List<List<Object>> tables = rows(md.getTables(null, null, "%", null), "TABLE_SCHEM", "TABLE_NAME",
        "TABLE_TYPE");
    assertThat(tables).contains(List.of("sys", "environments", "SYSTEM TABLE"),
        List.of("sys", "cleanup_history", "SYSTEM TABLE"), List.of("sys", "orphans", "SYSTEM TABLE"),
        List.of("sys", "gateways", "SYSTEM TABLE"), List.of("sys", "procedures", "SYSTEM TABLE"));
    assertThat(tables).extracting(r -> r.get(1)).contains("orders");
    assertThat(rows(md.getTables(null, "analytics", "%", null), "TABLE_SCHEM")).containsOnly(List.of("analytics"));
    assertThat(rows(md.getTables(null, "sys", "gate%", new String[] {"SYSTEM TABLE"}), "TABLE_NAME"))
        .containsExactly(List.of("gateways"));
    assertThat(rows(md.getTables(null, "sys", "%", new String[] {"VIEW"}), "TABLE_NAME")).isEmpty();
    assertThat(rows(md.getTableTypes(), "TABLE_TYPE")).contains(List.of("SYSTEM TABLE"));

    assertThat(rows(md.getColumns(null, "sys", "gateways", "%"), "COLUMN_NAME")).extracting(r -> r.get(0))
        .startsWith("name", "dialect", "url", "is_default", "reachable");
    assertThat(rows(md.getColumns(null, "analytics", "orders", "%"), "COLUMN_NAME"))
        .containsExactly(List.of("id"));

    assertThat(rows(md.getProcedures(null, null, "%"), "PROCEDURE_SCHEM", "PROCEDURE_NAME"))
        .extracting(r -> r.get(1)).containsExactly("invalidate_environment", "cleanup_expired_environments",
            "explain_cleanup", "restore_environment", "set_environment_ttl", "invalidate_environments",
            "cancel_statement");
    assertThat(rows(md.getProcedureColumns(null, "sys", "set_environment_ttl", "%"), "COLUMN_NAME", "TYPE_NAME",
        "ORDINAL_POSITION")).containsExactly(List.of("name", "VARCHAR", 1), List.of("ttl", "VARCHAR", 2));
    assertThat(rows(md.getProcedures("elsewhere", null, "%"), "PROCEDURE_NAME")).isEmpty();
    // What sqlline's !tables asks: the current catalog.
    assertThat(rows(md.getTables(conn.getCatalog(), null, "%", null), "TABLE_NAME")).contains(List.of("gateways"),
        List.of("orders"));
  }
}
