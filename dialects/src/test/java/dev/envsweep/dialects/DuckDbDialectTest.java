package dev.envsweep.dialects;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DuckDB dialect against a real DuckDB file: the guard sees what is there, the statements really run. */
class DuckDbDialectTest {
  private final DuckDbDialect duckdb = new DuckDbDialect();

  @TempDir Path dir;
  private Connection conn;
  private DialectContext context;

  @BeforeEach
  void open() throws SQLException {
    conn = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("wh.duckdb"));
    context = new DialectContext("wh", dir, java.util.Map.of());
    exec("CREATE SCHEMA s__dev");
    exec("CREATE TABLE main.physical AS SELECT 1 AS a");
    exec("CREATE VIEW s__dev.orders AS SELECT * FROM main.physical");
    exec("CREATE VIEW s__dev.customers AS SELECT * FROM main.physical");
  }

  @AfterEach
  void close() throws SQLException {
    conn.close();
  }

  @Test
  void guardListsTheSchemaItselfAndEveryKindOfObjectInside() throws SQLException {
    exec("CREATE TABLE s__dev.user_table(x INT)");
    exec("CREATE SEQUENCE s__dev.user_seq");
    exec("CREATE MACRO s__dev.user_macro(a) AS a + 1");
    exec("CREATE TYPE s__dev.user_mood AS ENUM ('a', 'b')");

    List<CatalogueObject> listed = duckdb.listCatalogue(new JdbcReader(conn),
        List.of(DropObject.schema("wh", "s__dev")), context);

    assertThat(listed).containsExactlyInAnyOrder(
        new CatalogueObject("wh", "s__dev", null, "SCHEMA"),
        new CatalogueObject("wh", "s__dev", "orders", "VIEW"),
        new CatalogueObject("wh", "s__dev", "customers", "VIEW"),
        new CatalogueObject("wh", "s__dev", "user_table", "TABLE"),
        new CatalogueObject("wh", "s__dev", "user_seq", "SEQUENCE"),
        new CatalogueObject("wh", "s__dev", "user_macro", "MACRO"),
        new CatalogueObject("wh", "s__dev", "user_mood", "TYPE"));
  }

  @Test
  void guardMatchesNamesCaseInsensitivelyAndFindsViewsByName() throws SQLException {
    List<CatalogueObject> listed = duckdb.listCatalogue(new JdbcReader(conn),
        List.of(DropObject.view("WH", "S__DEV", "Orders"), DropObject.view("wh", "s__dev", "absent")), context);

    assertThat(listed).containsExactly(new CatalogueObject("wh", "s__dev", "orders", "VIEW"));
  }

  @Test
  void guardTakesANameWithoutACatalogAsTheCurrentDatabaseAndNoOther() throws SQLException {
    exec("ATTACH '" + dir.resolve("other.duckdb") + "' AS other");
    exec("CREATE SCHEMA other.s__dev");
    exec("CREATE VIEW other.s__dev.orders AS SELECT 1 AS a");

    List<CatalogueObject> listed = duckdb.listCatalogue(new JdbcReader(conn),
        List.of(DropObject.schema(null, "s__dev"), DropObject.view(null, "s__dev", "customers")), context);

    assertThat(listed).containsExactlyInAnyOrder(
        new CatalogueObject("wh", "s__dev", null, "SCHEMA"),
        new CatalogueObject("wh", "s__dev", "orders", "VIEW"),
        new CatalogueObject("wh", "s__dev", "customers", "VIEW"));
  }

  @Test
  void guardReportsNothingForAnAbsentSchema() throws SQLException {
    assertThat(duckdb.listCatalogue(new JdbcReader(conn), List.of(DropObject.schema("wh", "nope")), context))
        .isEmpty();
  }

  @Test
  void renderedDropsReallyRemoveTheObjects() throws Exception {
    for (String sql : duckdb.renderDrop(DropObject.view("wh", "s__dev", "orders"), DropMode.GUARDED, context)
        .statements()) {
      exec(sql);
    }
    assertThat(count("SELECT count(*) FROM duckdb_views() WHERE schema_name = 's__dev'")).isEqualTo(1);

    for (String sql : duckdb.renderDrop(DropObject.schema("wh", "s__dev"), DropMode.GUARDED, context)
        .statements()) {
      exec(sql);
    }
    assertThat(count("SELECT count(*) FROM duckdb_schemas() WHERE schema_name = 's__dev'")).isZero();
    assertThat(count("SELECT count(*) FROM main.physical")).isEqualTo(1);
  }

  @Test
  void anUnattachedCatalogFileIsListedReadOnlyAndDetachedAgain() throws Exception {
    Path file = dir.resolve("wh__dev.db");
    exec("ATTACH '" + file + "' AS wh__dev");
    exec("CREATE SCHEMA wh__dev.s");
    exec("CREATE VIEW wh__dev.s.orders AS SELECT 1 AS a");
    exec("CREATE TABLE wh__dev.s.user_table(x INT)");
    exec("DETACH wh__dev");

    JdbcReader reader = new JdbcReader(conn);
    List<CatalogueObject> listed = duckdb.listCatalogue(reader, List.of(DropObject.catalog("wh__dev")), context);

    assertThat(listed).contains(new CatalogueObject("wh__dev", null, null, "CATALOG"),
        new CatalogueObject("wh__dev", "s", "orders", "VIEW"),
        new CatalogueObject("wh__dev", "s", "user_table", "TABLE"));
    assertThat(reader.sent.get(reader.sent.size() - 1)).isEqualTo("DETACH DATABASE IF EXISTS \"wh__dev\"");
    assertThat(count("SELECT count(*) FROM duckdb_databases() WHERE database_name = 'wh__dev'")).isZero();
    assertThat(Files.exists(file)).isTrue();
  }

  @Test
  void normalisesLikeSqlglotDuckDb() {
    assertThat(duckdb.normalizeIdentifier("Dev_Env")).isEqualTo("dev_env");
    assertThat(duckdb.normalizeIdentifier("\"Dev_Env\"")).isEqualTo("dev_env");
    assertThat(duckdb.normalizeIdentifier("MyCat__dev")).isEqualTo("mycat__dev");
    assertThat(duckdb.normalizeIdentifier("my-proj__dev")).isEqualTo("my-proj__dev");
  }

  @Test
  void infersItselfFromTheUrlAndIsKnownByName() {
    assertThat(Dialects.forUrl("jdbc:duckdb:/tmp/x.duckdb")).containsInstanceOf(DuckDbDialect.class);
    assertThat(Dialects.forUrl("jdbc:nope:x")).isEmpty();
    assertThat(Dialects.byName("DuckDB")).isInstanceOf(DuckDbDialect.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Dialects.byName("oracle"))
        .hasMessage("unknown dialect 'oracle'; known dialects: motherduck, duckdb, postgres, redshift, "
            + "snowflake, bigquery, databricks, spark, trino, athena, mysql, azuresql, mssql, clickhouse");
  }

  private void exec(String sql) throws SQLException {
    try (Statement s = conn.createStatement()) {
      s.execute(sql);
    }
  }

  private long count(String sql) throws SQLException {
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
