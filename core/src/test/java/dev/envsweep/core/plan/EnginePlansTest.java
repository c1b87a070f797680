package dev.envsweep.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.envsweep.core.model.Environment;
import dev.envsweep.core.model.SnapshotTableInfo;
import dev.envsweep.dialects.Dialect;
import dev.envsweep.dialects.DialectContext;
import dev.envsweep.dialects.Dialects;
import dev.envsweep.dialects.DropMode;
import dev.envsweep.dialects.DropObject;
import dev.envsweep.dialects.RenderedDrop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An environment planned and rendered for each engine of reference 8.5 ("Other engines"): name folding by the
 * engine (Snowflake upper-cases the suffix), catalog rules, and the exact statements SQLMesh emits (FORCE).
 */
class EnginePlansTest {

  private static List<String> sql(String engine, DialectContext context, String target, boolean normalize,
      String... models) throws Exception {
    Dialect dialect = Dialects.byName(engine);
    List<SnapshotTableInfo> snapshots = new ArrayList<>();
    for (String m : models) {
      snapshots.add(new SnapshotTableInfo(m, m.contains("EXT") || m.contains("ext") ? "EXTERNAL" : "FULL", "model",
          null));
    }
    Environment env = new Environment("dev", snapshots, "p", 1L, null, target, null, normalize, false);
    List<String> out = new ArrayList<>();
    for (GatewayPlan g : new CleanupPlanner("default", x -> dialect).plan(env).gateways()) {
      for (DropObject o : g.drops()) {
        RenderedDrop r = dialect.renderDrop(o, DropMode.FORCE, context, List.of());
        if (r.precondition() != null) {
          out.add("check: " + r.precondition().sql());
        }
        out.addAll(r.statements());
      }
    }
    return out;
  }

  private static final String[] SNOWFLAKE = {"\"DB\".\"ANALYTICS\".\"ORDERS\"", "\"DB\".\"ANALYTICS\".\"CUSTOMERS\"",
      "\"DB\".\"RAW\".\"EXT\""};

  @Test
  void snowflake() throws Exception {
    DialectContext db = DialectContext.of("DB");
    assertThat(sql("snowflake", db, "schema", true, SNOWFLAKE))
        .containsExactly("DROP SCHEMA IF EXISTS \"DB\".\"ANALYTICS__DEV\" CASCADE");
    assertThat(sql("snowflake", db, "table", true, SNOWFLAKE)).containsExactly(
        "DROP VIEW IF EXISTS \"DB\".\"ANALYTICS\".\"CUSTOMERS__DEV\"",
        "DROP VIEW IF EXISTS \"DB\".\"ANALYTICS\".\"ORDERS__DEV\"");
    assertThat(sql("snowflake", db, "catalog", true, SNOWFLAKE)).containsExactly(
        "check: SELECT 1 FROM \"INFORMATION_SCHEMA\".\"DATABASES\" WHERE \"DATABASE_NAME\" = 'DB__DEV' AND "
            + "\"COMMENT\" = 'sqlmesh_managed'",
        "DROP DATABASE IF EXISTS \"DB__DEV\"");
    assertThat(sql("snowflake", db, "schema", false, SNOWFLAKE))
        .containsExactly("DROP SCHEMA IF EXISTS \"DB\".\"ANALYTICS__dev\" CASCADE");
  }

  @Test
  void mysqlKeepsCase() throws Exception {
    DialectContext none = new DialectContext(null, null, Map.of());
    assertThat(sql("mysql", none, "schema", true, "\"sqlmesh_example\".\"Full_Model\""))
        .containsExactly("DROP SCHEMA IF EXISTS `sqlmesh_example__dev`");
    assertThat(sql("mysql", none, "table", true, "\"sqlmesh_example\".\"Full_Model\""))
        .containsExactly("DROP VIEW IF EXISTS `sqlmesh_example`.`Full_Model__dev`");
  }

  @Test
  void mssqlUsesTheModelsDatabase() throws Exception {
    String model = "\"master\".\"dbo_x\".\"full_model\"";
    assertThat(sql("mssql", new DialectContext("master", null, Map.of(), "master"), "schema", true, model))
        .containsExactly("DROP SCHEMA IF EXISTS [dbo_x__dev];");
    assertThat(sql("mssql", new DialectContext("master", null, Map.of(), "other"), "table", true, model))
        .containsExactly("USE [master];", "DROP VIEW IF EXISTS [dbo_x].[full_model__dev];", "USE [other];");
  }

  @Test
  void clickhouse() throws Exception {
    DialectContext none = new DialectContext(null, null, Map.of());
    assertThat(sql("clickhouse", none, "schema", true, "\"sqlmesh_example\".\"full_model\""))
        .containsExactly("DROP DATABASE IF EXISTS \"sqlmesh_example__dev\"");
    assertThat(sql("clickhouse", none, "table", true, "\"sqlmesh_example\".\"full_model\""))
        .containsExactly("DROP VIEW IF EXISTS \"sqlmesh_example\".\"full_model__dev\"");
  }

  @Test
  void trinoAndDatabricks() throws Exception {
    assertThat(sql("trino", DialectContext.of("iceberg"), "schema", true,
        "\"iceberg\".\"sqlmesh_example\".\"full_model\""))
        .containsExactly("DROP SCHEMA IF EXISTS \"iceberg\".\"sqlmesh_example__dev\" CASCADE");
    assertThat(sql("databricks", DialectContext.of("main"), "table", true,
        "\"main\".\"sqlmesh_example\".\"full_model\""))
        .containsExactly("DROP VIEW IF EXISTS `main`.`sqlmesh_example`.`full_model__dev`");
  }

  @Test
  void postgres() throws Exception {
    String model = "\"mydb\".\"sqlmesh_example\".\"full_model\"";
    assertThat(sql("postgres", DialectContext.of("mydb"), "schema", true, model))
        .containsExactly("DROP SCHEMA IF EXISTS \"sqlmesh_example__dev\" CASCADE");
    assertThat(sql("postgres", DialectContext.of("mydb"), "table", true, model))
        .containsExactly("DROP VIEW IF EXISTS \"sqlmesh_example\".\"full_model__dev\" CASCADE");
  }
}
