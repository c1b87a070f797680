/**
 * Plan: {@link dev.envsweep.core.plan.CleanupPlanner} turns an environment's state row into a
 * {@link dev.envsweep.core.plan.CleanupPlan}: per gateway, the catalogs, schemas and views its suffix target gives
 * it, in drop order (views before schema before catalog), with SQLMesh's naming rules. It is pure: no
 * connection, no SQL text. The plan goes to {@code render}.
 */
package dev.envsweep.core.plan;
