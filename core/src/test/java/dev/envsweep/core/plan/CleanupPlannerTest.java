package dev.envsweep.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envsweep.core.model.Environment;
import dev.envsweep.core.model.SnapshotTableInfo;
import dev.envsweep.dialects.Dialect;
import dev.envsweep.dialects.DialectContext;
import dev.envsweep.dialects.DropMode;
import dev.envsweep.dialects.DropObject;
import dev.envsweep.dialects.DuckDbDialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Planning plus DuckDB rendering against the reference's observed SQLMesh output (section 8.5, DuckDB, default
 * catalog memory): the statements must be exactly SQLMesh's, in envsweep's deterministic order.
 */
class CleanupPlannerTest {
  private static final Dialect DUCKDB = new DuckDbDialect();
  private static final DialectContext CONTEXT = DialectContext.of("memory");

  private static final List<SnapshotTableInfo> SQLMESH_EXAMPLE = List.of(
      model("\"memory\".\"sqlmesh_example\".\"full_model\"", "FULL"),
      model("\"memory\".\"sqlmesh_example\".\"incremental_model\"", "INCREMENTAL_BY_TIME_RANGE"),
      model("\"memory\".\"sqlmesh_example\".\"seed_model\"", "SEED"),
      model("\"memory\".\"raw\".\"ext\"", "EXTERNAL"),
      model("\"memory\".\"sqlmesh_example\".\"emb\"", "EMBEDDED"),
      new SnapshotTableInfo("\"memory\".\"sqlmesh_example\".\"audit_x\"", null, "audit", null));

  private static SnapshotTableInfo model(String name, String kind) {
    return new SnapshotTableInfo(name, kind, "model", null);
  }

  private static Environment env(String name, String target, String override, boolean normalize,
      List<SnapshotTableInfo> snapshots) {
    return new Environment(name, snapshots, "p1", 1L, null, target, override, normalize, false);
  }

  private static List<String> sql(Environment env) throws Exception {
    CleanupPlanner planner = new CleanupPlanner("default", g -> g.equals("default") ? DUCKDB : null);
    List<String> out = new ArrayList<>();
    for (GatewayPlan g : planner.plan(env).gateways()) {
      for (DropObject o : g.drops()) {
        out.addAll(DUCKDB.renderDrop(o, DropMode.FORCE, CONTEXT).statements());
      }
    }
    return out;
  }

  @Test
  void devSchemaSuffix() throws Exception {
    assertThat(sql(env("dev", "schema", null, true, SQLMESH_EXAMPLE)))
        .containsExactly("DROP SCHEMA IF EXISTS \"memory\".\"sqlmesh_example__dev\" CASCADE");
  }

  @Test
  void devTableSuffixSkipsSymbolicSnapshotsAndAudits() throws Exception {
    assertThat(sql(env("dev", "table", null, true, SQLMESH_EXAMPLE))).containsExactly(
        "DROP VIEW IF EXISTS \"memory\".\"sqlmesh_example\".\"full_model__dev\"",
        "DROP VIEW IF EXISTS \"memory\".\"sqlmesh_example\".\"incremental_model__dev\"",
        "DROP VIEW IF EXISTS \"memory\".\"sqlmesh_example\".\"seed_model__dev\"");
  }

  @Test
  void devCatalogSuffix() throws Exception {
    assertThat(sql(env("dev", "catalog", null, true, SQLMESH_EXAMPLE)))
        .containsExactly("DETACH DATABASE IF EXISTS \"memory__dev\"");
  }

  @Test
  void sanitisedName() throws Exception {
    assertThat(sql(env("Feature/ABC-1", "schema", null, true, SQLMESH_EXAMPLE)))
        .containsExactly("DROP SCHEMA IF EXISTS \"memory\".\"sqlmesh_example__feature_abc_1\" CASCADE");
  }

  @Test
  void catalogOverride() throws Exception {
    assertThat(sql(env("dev", "schema", "dev_cat", true, SQLMESH_EXAMPLE)))
        .containsExactly("DROP SCHEMA IF EXISTS \"dev_cat\".\"sqlmesh_example__dev\" CASCADE");
    assertThat(sql(env("dev", "table", "dev_cat", true, SQLMESH_EXAMPLE))).containsExactly(
        "DROP VIEW IF EXISTS \"dev_cat\".\"sqlmesh_example\".\"full_model__dev\"",
        "DROP VIEW IF EXISTS \"dev_cat\".\"sqlmesh_example\".\"incremental_model__dev\"",
        "DROP VIEW IF EXISTS \"dev_cat\".\"sqlmesh_example\".\"seed_model__dev\"");
  }

  @Test
  void prodAsSqlmeshDestroyWouldDropIt() throws Exception {
    assertThat(sql(env("prod", "schema", null, true, SQLMESH_EXAMPLE)))
        .containsExactly("DROP SCHEMA IF EXISTS \"memory\".\"sqlmesh_example\" CASCADE");
    assertThat(sql(env("prod", "table", null, true, SQLMESH_EXAMPLE))).containsExactly(
        "DROP VIEW IF EXISTS \"memory\".\"sqlmesh_example\".\"full_model\"",
        "DROP VIEW IF EXISTS \"memory\".\"sqlmesh_example\".\"incremental_model\"",
        "DROP VIEW IF EXISTS \"memory\".\"sqlmesh_example\".\"seed_model\"");
  }

  @Test
  void onePartModelNames() throws Exception {
    List<SnapshotTableInfo> a = List.of(model("\"a\"", "FULL"));
    assertThat(sql(env("dev", "schema", null, true, a))).containsExactly("DROP SCHEMA IF EXISTS \"default__dev\" CASCADE");
    assertThat(sql(env("dev", "table", null, true, a))).containsExactly("DROP VIEW IF EXISTS \"default\".\"a__dev\"");
    // SQLMesh's quirk, reproduced because that is where SQLMesh put the views (reference 5.10 #8).
    assertThat(sql(env("dev", "catalog", null, true, a))).containsExactly("DETACH DATABASE IF EXISTS \"none__dev\"");
  }

  @Test
  void objectsAreDeduplicatedPerGateway() throws Exception {
    List<SnapshotTableInfo> twice = List.of(model("\"memory\".\"s\".\"a\"", "FULL"),
        model("\"memory\".\"s\".\"b\"", "VIEW"), model("\"memory\".\"t\".\"c\"", null));
    assertThat(sql(env("dev", "schema", null, true, twice))).containsExactly(
        "DROP SCHEMA IF EXISTS \"memory\".\"s__dev\" CASCADE", "DROP SCHEMA IF EXISTS \"memory\".\"t__dev\" CASCADE");
  }

  @Test
  void ownedViewsAreEveryViewTheEnvironmentDefines() throws Exception {
    CleanupPlanner planner = new CleanupPlanner("default", g -> DUCKDB);
    GatewayPlan plan = planner.plan(env("dev", "schema", null, true, SQLMESH_EXAMPLE)).gateways().get(0);
    assertThat(plan.ownedViews()).containsExactlyInAnyOrder(
        DropObject.view("memory", "sqlmesh_example__dev", "full_model"),
        DropObject.view("memory", "sqlmesh_example__dev", "incremental_model"),
        DropObject.view("memory", "sqlmesh_example__dev", "seed_model"));
  }

  @Test
  void gatewayManagedEnvironmentsDropOnEachModelsGatewayAndAnUnknownGatewayIsAnError() throws Exception {
    List<SnapshotTableInfo> two = List.of(new SnapshotTableInfo("\"db1\".\"s1\".\"m1\"", "FULL", "model", null),
        new SnapshotTableInfo("\"db2\".\"s2\".\"m2\"", "FULL", "model", "second"));
    Environment managed = new Environment("dev", two, "p", 1L, null, "schema", null, true, true);
    CleanupPlanner planner = new CleanupPlanner("default",
        g -> Map.of("default", DUCKDB, "second", DUCKDB).get(g));
    CleanupPlan plan = planner.plan(managed);
    assertThat(plan.gateways()).extracting(GatewayPlan::gateway).containsExactly("default", "second");
    assertThat(plan.gateways().get(1).drops()).containsExactly(DropObject.schema("db2", "s2__dev"));

    Environment unmanaged = new Environment("dev", two, "p", 1L, null, "schema", null, true, false);
    assertThat(planner.plan(unmanaged).gateways()).extracting(GatewayPlan::gateway).containsExactly("default");

    CleanupPlanner missing = new CleanupPlanner("default", g -> g.equals("default") ? DUCKDB : null);
    assertThatThrownBy(() -> missing.plan(managed)).isInstanceOf(PlanningException.class)
        .hasMessageContaining("belongs to gateway 'second', which is not configured");
  }

  @Test
  void anInvalidSuffixTargetFailsPlanning() {
    CleanupPlanner planner = new CleanupPlanner("default", g -> DUCKDB);
    assertThatThrownBy(() -> planner.plan(env("dev", "SCHEMA", null, true, SQLMESH_EXAMPLE)))
        .hasMessage("environment 'dev': suffix_target 'SCHEMA' is not one of schema, table, catalog");
  }

  @Test
  void normalizeNameDecidesWhetherOverridesAndSuffixesAreFolded() throws Exception {
    assertThat(sql(env("dev", "schema", "DevCat", true, SQLMESH_EXAMPLE)))
        .containsExactly("DROP SCHEMA IF EXISTS \"devcat\".\"sqlmesh_example__dev\" CASCADE");
    assertThat(sql(env("dev", "schema", "DevCat", false, SQLMESH_EXAMPLE)))
        .containsExactly("DROP SCHEMA IF EXISTS \"DevCat\".\"sqlmesh_example__dev\" CASCADE");
  }

  /** Reference 4.2, the rows that need no engine-specific folding. */
  @Test
  void worked_examples_of_reference_4_2() throws Exception {
    assertThat(names("\"a-b\".\"c-d\".\"e\"", "schema", null)).containsExactly("SCHEMA a-b.c-d__dev");
    assertThat(names("\"a-b\".\"c-d\".\"e-f\"", "table", null)).containsExactly("VIEW a-b.c-d.e-f__dev");
    assertThat(names("\"a-b\".\"c-d\".\"e-f\"", "schema", "g-h")).containsExactly("SCHEMA g-h.c-d__dev");
    assertThat(names("\"c-d\".\"e-f\"", "schema", "g-h")).containsExactly("SCHEMA g-h.c-d__dev");
    assertThat(names("\"e-f\"", "schema", "g-h")).containsExactly("SCHEMA g-h.default__dev");
    assertThat(names("\"e-f\"", "table", null)).containsExactly("VIEW default.e-f__dev");
    assertThat(names("\"default-foo\".\"sqlmesh_example\".\"full_model\"", "catalog", null))
        .containsExactly("CATALOG default-foo__dev");
  }

  private static List<String> names(String model, String target, String override) throws Exception {
    CleanupPlanner planner = new CleanupPlanner("default", g -> DUCKDB);
    return planner.plan(env("dev", target, override, true, List.of(model(model, "FULL")))).gateways().get(0)
        .drops().stream().map(DropObject::toString).toList();
  }
}
