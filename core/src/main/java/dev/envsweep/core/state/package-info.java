/**
 * Record: persistence only. {@link dev.envsweep.core.state.StateStore} reads and deletes rows of SQLMesh's
 * {@code _environments} (and {@code _environment_statements}) in the layout of every schema version envsweep
 * reads; {@link dev.envsweep.core.state.EnvsweepTables} and {@link dev.envsweep.core.state.JanitorLease} keep
 * envsweep's own tables in their own schema
 * (history, orphans, restore data, the janitor lease). Rows are decoded into {@code model} records; nothing here
 * plans or drops.
 */
package dev.envsweep.core.state;
