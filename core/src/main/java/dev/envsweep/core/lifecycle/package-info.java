/**
 * Execute a statement: {@link dev.envsweep.core.lifecycle.StatementExecutor} has one {@code execute} per
 * statement node, reads its values with the bound parameters, and hands them to
 * {@link dev.envsweep.core.lifecycle.Lifecycle}. Invalidation, restore and expiry changes are state updates
 * ({@code Expiries}); cleanup is a unit of work per environment, in batches (claim under a lock, plan, render and
 * send the drops on each gateway, delete exactly the claimed row, record), with orphans retried and EXPLAIN
 * rendering without sending. Every run's rows are recorded and come back as pages read from the history.
 */
package dev.envsweep.core.lifecycle;
