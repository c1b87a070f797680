package dev.envsweep.core.lifecycle;

import static dev.envsweep.core.testing.DuckDbProject.CUSTOMERS;
import static dev.envsweep.core.testing.DuckDbProject.MODELS;
import static dev.envsweep.core.testing.DuckDbProject.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envsweep.core.Envsweep;
import dev.envsweep.core.config.ConfigLoader;
import dev.envsweep.core.config.EnvsweepConfig;
import dev.envsweep.core.model.ResultRow;
import dev.envsweep.core.model.Status;
import dev.envsweep.core.model.SuffixTarget;
import dev.envsweep.core.testing.DuckDbProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Invalidate and cleanup against a real DuckDB file holding a SQLMesh-shaped project. */
class LifecycleTest {
  private static final long PAST = 1_000L;
  private static final long FUTURE = 4_000_000_000_000L;

  @TempDir Path dir;
  private DuckDbProject wh;
  private Envsweep envsweep;

  @BeforeEach
  void setUp() throws Exception {
    wh = new DuckDbProject(dir, "wh.duckdb");
    wh.project.environment("prod", SuffixTarget.SCHEMA, null, MODELS);
    wh.project.environment("dev_schema", SuffixTarget.SCHEMA, PAST, MODELS);
    wh.project.environment("dev_table", SuffixTarget.TABLE, PAST, MODELS);
    wh.project.environment("dev_catalog", SuffixTarget.CATALOG, PAST, MODELS);
    wh.project.environment("live", SuffixTarget.SCHEMA, FUTURE, MODELS);
    envsweep = open("""
        gateways:
          local:
            url: %s
        pinned_environments: [Staging]
        """.formatted(wh.url()));
  }

  private Envsweep open(String yaml) throws Exception {
    EnvsweepConfig config = new ConfigLoader().parse(yaml, "test.yaml");
    return Envsweep.open(config);
  }

  @AfterEach
  void tearDown() throws SQLException {
    envsweep.close();
    wh.close();
  }

  private static List<ResultRow> all(ResultPages pages) throws SQLException {
    List<ResultRow> rows = new ArrayList<>();
    for (List<ResultRow> page = pages.next(); !page.isEmpty(); page = pages.next()) {
      rows.addAll(page);
    }
    return rows;
  }

  @Test
  void cleanupDropsExactlyTheExpiredEnvironmentsAndTheirState() throws Exception {
    List<ResultRow> rows = all(envsweep.lifecycle().cleanup(false));

    assertThat(rows).extracting(ResultRow::environment, ResultRow::objectKind, ResultRow::objectName,
        ResultRow::sql, ResultRow::status).containsExactly(
        org.assertj.core.groups.Tuple.tuple("dev_catalog", "CATALOG", "\"wh__dev_catalog\"",
            "DETACH DATABASE IF EXISTS \"wh__dev_catalog\"", Status.DROPPED),
        org.assertj.core.groups.Tuple.tuple("dev_catalog", "ENVIRONMENT", "dev_catalog",
            "DELETE FROM \"wh\".\"sqlmesh\".\"_environments\" WHERE \"name\" = ? AND \"plan_id\" = ? AND "
                + "\"expiration_ts\" <= ?", Status.DELETED),
        org.assertj.core.groups.Tuple.tuple("dev_schema", "SCHEMA", "\"wh\".\"sales__dev_schema\"",
            "DROP SCHEMA IF EXISTS \"wh\".\"sales__dev_schema\" CASCADE", Status.DROPPED),
        org.assertj.core.groups.Tuple.tuple("dev_schema", "ENVIRONMENT", "dev_schema",
            "DELETE FROM \"wh\".\"sqlmesh\".\"_environments\" WHERE \"name\" = ? AND \"plan_id\" = ? AND "
                + "\"expiration_ts\" <= ?", Status.DELETED),
        org.assertj.core.groups.Tuple.tuple("dev_table", "VIEW", "\"wh\".\"sales\".\"customers__dev_table\"",
            "DROP VIEW IF EXISTS \"wh\".\"sales\".\"customers__dev_table\"", Status.DROPPED),
        org.assertj.core.groups.Tuple.tuple("dev_table", "VIEW", "\"wh\".\"sales\".\"orders__dev_table\"",
            "DROP VIEW IF EXISTS \"wh\".\"sales\".\"orders__dev_table\"", Status.DROPPED),
        org.assertj.core.groups.Tuple.tuple("dev_table", "ENVIRONMENT", "dev_table",
            "DELETE FROM \"wh\".\"sqlmesh\".\"_environments\" WHERE \"name\" = ? AND \"plan_id\" = ? AND "
                + "\"expiration_ts\" <= ?", Status.DELETED));
    assertThat(rows.get(0).message()).contains("deleted file " + dir.resolve("wh__dev_catalog.db"));

    assertThat(wh.environments()).containsExactly("live", "prod");
    assertThat(wh.views()).containsExactly("sales.customers", "sales.orders", "sales__live.customers",
        "sales__live.orders");
    assertThat(wh.schemas()).doesNotContain("sales__dev_schema");
    assertThat(wh.tables()).containsExactlyInAnyOrder(
        "sqlmesh__sales." + ORDERS.physicalTableName(), "sqlmesh__sales." + CUSTOMERS.physicalTableName());
    assertThat(Files.exists(dir.resolve("wh__dev_catalog.db"))).isFalse();
    assertThat(wh.strings("SELECT count(*) FROM sqlmesh._environment_statements")).containsExactly("0");
  }

  @Test
  void parallelDropsOnDuckDbGiveWhatTheSequentialPlanSays() throws Exception {
    for (int i = 0; i < 16; i++) {
      wh.project.environment("pr_" + i, i % 2 == 0 ? SuffixTarget.SCHEMA : SuffixTarget.TABLE, PAST, MODELS);
    }
    envsweep.close();
    envsweep = open("""
        gateways:
          local:
            url: %s
            max_parallel_drops: 4
        """.formatted(wh.url()));
    java.util.Map<String, List<String>> planned = bySql(all(envsweep.lifecycle().explainCleanup()));

    List<ResultRow> rows = all(envsweep.lifecycle().cleanup(false));

    assertThat(bySql(rows)).isEqualTo(planned).hasSize(19);
    assertThat(rows).extracting(ResultRow::status).containsOnly(Status.DROPPED, Status.DELETED);
    // Rows come back environment by environment in the order cleanup took them, not as drops finished.
    assertThat(rows.stream().map(ResultRow::environment).distinct().toList())
        .isEqualTo(new ArrayList<>(planned.keySet()).stream().sorted().toList());
    assertThat(wh.environments()).containsExactly("live", "prod");
    assertThat(wh.views()).containsExactly("sales.customers", "sales.orders", "sales__live.customers",
        "sales__live.orders");
  }

  /** Per environment, its statements (with their kind), in order. */
  private static java.util.Map<String, List<String>> bySql(List<ResultRow> rows) {
    return rows.stream().collect(java.util.stream.Collectors.groupingBy(ResultRow::environment,
        java.util.TreeMap::new, java.util.stream.Collectors.mapping(r -> r.objectKind() + " " + r.sql(),
            java.util.stream.Collectors.toList())));
  }

  @Test
  void nothingExpiredGivesNoRows() throws Exception {
    all(envsweep.lifecycle().cleanup(false));
    assertThat(all(envsweep.lifecycle().cleanup(false))).isEmpty();
  }

  @Test
  void invalidateSetsTheStateStoresNowAndLeavesTheViewsQueryable() throws Exception {
    long before = wh.dbNow();
    List<ResultRow> rows = all(envsweep.lifecycle().invalidate("Live", false, false));
    long after = wh.dbNow();

    assertThat(rows).hasSize(1);
    ResultRow row = rows.get(0);
    assertThat(row.status()).isEqualTo(Status.INVALIDATED);
    assertThat(row.objectKind()).isEqualTo("ENVIRONMENT");
    assertThat(row.environment()).isEqualTo("live");
    assertThat(row.sql()).isEqualTo("UPDATE \"wh\".\"sqlmesh\".\"_environments\" SET \"expiration_ts\" = ? WHERE "
        + "\"name\" = ?");
    assertThat(row.message()).startsWith("expiration " + java.time.Instant.ofEpochMilli(FUTURE) + " -> ");
    assertThat(wh.expiration("live")).isBetween(before, after);
    assertThat(wh.strings("SELECT count(*) FROM wh.sales__live.orders")).containsExactly("3");
  }

  @Test
  void invalidatingAnEnvironmentThatNeverExpiresSetsItsExpiryToNow() throws Exception {
    wh.project.environment("forever", SuffixTarget.SCHEMA, null, MODELS);
    long before = wh.dbNow();
    List<ResultRow> rows = all(envsweep.lifecycle().invalidate("forever", false, false));
    long after = wh.dbNow();

    assertThat(rows).extracting(ResultRow::status).containsExactly(Status.INVALIDATED);
    assertThat(rows.get(0).message()).startsWith("expiration none -> ");
    assertThat(wh.expiration("forever")).isBetween(before, after);
    assertThat(all(envsweep.lifecycle().restore("forever"))).extracting(ResultRow::status)
        .containsExactly(Status.RESTORED);
    assertThat(wh.expiration("forever")).isNull();
  }

  @Test
  void invalidateRefusesUnknownProdAndPinnedEnvironmentsAndChangesNothing() throws Exception {
    assertThatThrownBy(() -> envsweep.lifecycle().invalidate("nope", false, false))
        .hasFieldOrPropertyWithValue("SQLState", "42704").hasMessage("environment 'nope' does not exist");
    assertThatThrownBy(() -> envsweep.lifecycle().invalidate("PROD", true, false))
        .hasFieldOrPropertyWithValue("SQLState", "55000")
        .hasMessage("Cannot invalidate the production environment.");
    assertThatThrownBy(() -> envsweep.lifecycle().invalidate("staging", false, false))
        .hasFieldOrPropertyWithValue("SQLState", "55000")
        .hasMessage("Cannot invalidate the pinned environment 'staging'.");
    assertThat(wh.expiration("prod")).isNull();
    assertThat(wh.expiration("live")).isEqualTo(FUTURE);
  }

  @Test
  void invalidateSyncCleansThatEnvironmentOnly() throws Exception {
    List<ResultRow> rows = all(envsweep.lifecycle().invalidate("live", true, false));

    assertThat(rows).extracting(ResultRow::status).containsExactly(Status.INVALIDATED, Status.DROPPED,
        Status.DELETED);
    assertThat(rows.get(1).sql()).isEqualTo("DROP SCHEMA IF EXISTS \"wh\".\"sales__live\" CASCADE");
    assertThat(wh.environments()).containsExactly("dev_catalog", "dev_schema", "dev_table", "prod");
    assertThat(wh.schemas()).contains("sales__dev_schema").doesNotContain("sales__live");
  }

  @Test
  void prodWithAnExpiryInThePastIsLeftAloneWithAWarning() throws Exception {
    wh.exec("UPDATE sqlmesh._environments SET expiration_ts = 5 WHERE name = 'prod'");
    List<ResultRow> rows = all(envsweep.lifecycle().cleanup(false));

    assertThat(rows).filteredOn(r -> r.environment().equals("prod")).singleElement()
        .satisfies(r -> {
          assertThat(r.status()).isEqualTo(Status.WARNING);
          assertThat(r.objectKind()).isEqualTo("ENVIRONMENT");
          assertThat(r.message()).startsWith("protected: prod is never cleaned");
        });
    assertThat(wh.environments()).contains("prod");
    assertThat(wh.views()).contains("sales.customers", "sales.orders");
  }

  @Test
  void aFailingDropKeepsThatEnvironmentCleansTheOthersAndNamesTheFailureAndRun() throws Exception {
    // The name the table-suffix environment's view should have is held by a user's table.
    wh.exec("DROP VIEW wh.sales.orders__dev_table");
    wh.exec("CREATE TABLE wh.sales.orders__dev_table(x INT)");

    assertThatThrownBy(() -> envsweep.lifecycle().cleanup(false))
        .isInstanceOf(SQLException.class)
        .hasFieldOrPropertyWithValue("SQLState", "58000")
        .hasMessageContaining("VIEW \"wh\".\"sales\".\"orders__dev_table\" on local: Catalog Error: Existing "
            + "object orders__dev_table is of type Table, trying to drop type View")
        .hasMessageMatching("(?s).*\nrun_id=[0-9a-f-]{36}$");

    assertThat(wh.environments()).containsExactly("dev_table", "live", "prod");
    assertThat(wh.tables()).contains("sales.orders__dev_table");
    assertThat(wh.views()).doesNotContain("sales.customers__dev_table");
  }

  @Test
  void warnOnFailureDeletesTheStateButReportsTheFailedDrop() throws Exception {
    wh.exec("DROP VIEW wh.sales.orders__dev_table");
    wh.exec("CREATE TABLE wh.sales.orders__dev_table(x INT)");

    List<ResultRow> rows = all(envsweep.lifecycle().cleanup(true));

    assertThat(rows).filteredOn(r -> r.environment().equals("dev_table")).extracting(ResultRow::status)
        .containsExactly(Status.DROPPED, Status.FAILED, Status.DELETED);
    assertThat(wh.environments()).containsExactly("live", "prod");
    assertThat(wh.tables()).contains("sales.orders__dev_table");
  }

  @Test
  void aUsersTableInsideAnEnvironmentSchemaSurvivesAndFailsThatDrop() throws Exception {
    wh.exec("CREATE TABLE wh.sales__dev_schema.precious(x INT)");
    wh.exec("INSERT INTO wh.sales__dev_schema.precious VALUES (42)");

    assertThatThrownBy(() -> envsweep.lifecycle().cleanup(false))
        .hasFieldOrPropertyWithValue("SQLState", "58000")
        .hasMessageContaining("SCHEMA \"wh\".\"sales__dev_schema\" on local: not sent: schema "
            + "\"wh\".\"sales__dev_schema\" holds objects environment 'dev_schema' does not own: TABLE "
            + "\"wh\".\"sales__dev_schema\".\"precious\"");

    assertThat(wh.strings("SELECT x FROM wh.sales__dev_schema.precious")).containsExactly("42");
    assertThat(wh.views()).contains("sales__dev_schema.orders");
    assertThat(wh.environments()).contains("dev_schema");
  }

  @Test
  void forceDropsAsSqlmeshDoesButStillNeverTouchesProd() throws Exception {
    wh.exec("CREATE TABLE wh.sales__dev_schema.precious(x INT)");
    wh.exec("UPDATE sqlmesh._environments SET expiration_ts = 5 WHERE name = 'prod'");

    List<ResultRow> rows = all(envsweep.lifecycle().cleanup(false, true));

    assertThat(rows).filteredOn(r -> r.environment().equals("dev_schema")).extracting(ResultRow::status)
        .containsExactly(Status.DROPPED, Status.DELETED);
    assertThat(wh.schemas()).doesNotContain("sales__dev_schema");
    assertThat(rows).filteredOn(r -> r.environment().equals("prod")).extracting(ResultRow::status)
        .containsExactly(Status.WARNING);
    assertThat(wh.environments()).containsExactly("live", "prod");
    assertThat(wh.views()).contains("sales.orders", "sales.customers");
  }

  @Test
  void objectsLeftBehindByWarnOnFailureAreRecordedAndRetriedUntilGone() throws Exception {
    wh.exec("DROP VIEW wh.sales.orders__dev_table");
    wh.exec("CREATE TABLE wh.sales.orders__dev_table(x INT)");

    all(envsweep.lifecycle().cleanup(true));
    assertThat(wh.environments()).containsExactly("live", "prod");
    assertThat(wh.strings("SELECT environment || ' ' || object_kind || ' ' || display_name || ' ' || attempts "
        + "FROM envsweep.orphans")).containsExactly("dev_table VIEW \"wh\".\"sales\".\"orders__dev_table\" 0");

    // Still there: a WARNING, not a failure of this cleanup, and the attempt is counted.
    List<ResultRow> again = all(envsweep.lifecycle().cleanup(false));
    assertThat(again).extracting(ResultRow::environment, ResultRow::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("dev_table", Status.WARNING));
    assertThat(again.get(0).message()).startsWith("still left behind (sys.orphans): Catalog Error");
    assertThat(wh.strings("SELECT attempts FROM envsweep.orphans")).containsExactly("1");

    // Once what blocked it is gone, the next cleanup finishes the job and forgets the orphan.
    wh.exec("DROP TABLE wh.sales.orders__dev_table");
    wh.exec("CREATE VIEW wh.sales.orders__dev_table AS SELECT 1 AS x");
    List<ResultRow> last = all(envsweep.lifecycle().cleanup(false));
    assertThat(last).extracting(ResultRow::sql, ResultRow::status).containsExactly(org.assertj.core.groups.Tuple
        .tuple("DROP VIEW IF EXISTS \"wh\".\"sales\".\"orders__dev_table\"", Status.DROPPED));
    assertThat(wh.strings("SELECT count(*) FROM envsweep.orphans")).containsExactly("0");
    assertThat(wh.views()).doesNotContain("sales.orders__dev_table");
  }

  @Test
  void aTableInsideACatalogFileKeepsTheFile() throws Exception {
    wh.exec("ATTACH '" + dir.resolve("wh__dev_catalog.db") + "' AS c");
    wh.exec("CREATE TABLE c.sales.mine(x INT)");
    wh.exec("DETACH c");

    assertThatThrownBy(() -> envsweep.lifecycle().cleanup(false))
        .hasMessageContaining("holds objects environment 'dev_catalog' does not own: TABLE "
            + "\"wh__dev_catalog\".\"sales\".\"mine\"");
    assertThat(Files.exists(dir.resolve("wh__dev_catalog.db"))).isTrue();
    assertThat(wh.strings("SELECT count(*) FROM duckdb_databases() WHERE database_name = 'wh__dev_catalog'"))
        .containsExactly("0");
  }

  @Test
  void aCatalogFileOutsideCatalogDirIsNeverDeleted() throws Exception {
    envsweep.close();
    Path elsewhere = Files.createDirectories(dir.resolve("catalogs"));
    envsweep = open("""
        gateways:
          local:
            url: %s
            catalog_dir: %s
        """.formatted(wh.url(), elsewhere));

    List<ResultRow> rows = all(envsweep.lifecycle().cleanup(false));

    assertThat(rows).filteredOn(r -> r.objectKind().equals("CATALOG")).singleElement().satisfies(r -> {
      assertThat(r.sql()).isEqualTo("DETACH DATABASE IF EXISTS \"wh__dev_catalog\"");
      assertThat(r.status()).isEqualTo(Status.SKIPPED);
      assertThat(r.message()).isEqualTo("absent");
    });
    assertThat(Files.exists(dir.resolve("wh__dev_catalog.db"))).isTrue();
  }

  @Test
  void explainShowsEveryStatementAndChangesNothing() throws Exception {
    List<String> viewsBefore = wh.views();
    List<ResultRow> rows = all(envsweep.lifecycle().explainCleanup());

    assertThat(rows).extracting(ResultRow::status).containsOnly(Status.PLANNED);
    assertThat(rows).extracting(ResultRow::sql).contains(
        "DETACH DATABASE IF EXISTS \"wh__dev_catalog\"",
        "DROP SCHEMA IF EXISTS \"wh\".\"sales__dev_schema\" CASCADE",
        "DROP VIEW IF EXISTS \"wh\".\"sales\".\"orders__dev_table\"");
    assertThat(rows).hasSize(7);
    assertThat(wh.environments()).containsExactly("dev_catalog", "dev_schema", "dev_table", "live", "prod");
    assertThat(wh.views()).isEqualTo(viewsBefore);
    assertThat(Files.exists(dir.resolve("wh__dev_catalog.db"))).isTrue();
    assertThat(wh.strings("SELECT count(*) FROM envsweep.cleanup_history")).containsExactly("0");
  }

  @Test
  void everyRowIsRecordedUnderTheRunId() throws Exception {
    ResultPages pages = envsweep.lifecycle().cleanup(false);
    List<ResultRow> rows = all(pages);
    assertThat(wh.strings("SELECT count(*) FROM envsweep.cleanup_history WHERE run_id = '" + pages.runId()
        + "'")).containsExactly(String.valueOf(rows.size()));
    assertThat(wh.strings("SELECT DISTINCT server FROM envsweep.cleanup_history").get(0))
        .endsWith("/" + ProcessHandle.current().pid());
  }

  @Test
  void aMissingStateStoreIsAClearErrorUnlessCreationIsAllowed() {
    assertThatThrownBy(() -> open("""
        gateways:
          local:
            url: jdbc:duckdb:%s
        """.formatted(dir.resolve("empty.duckdb"))))
        .hasMessageStartingWith("no SQLMesh state at jdbc:duckdb:" + dir.resolve("empty.duckdb")
            + ", schema sqlmesh: table _environments does not exist");
  }
}
