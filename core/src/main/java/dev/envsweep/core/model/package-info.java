/**
 * The records every stage shares: an environment as SQLMesh stores it ({@link dev.envsweep.core.model.Environment},
 * {@link dev.envsweep.core.model.SnapshotTableInfo}, {@link dev.envsweep.core.model.SuffixTarget}), its name rules
 * ({@link dev.envsweep.core.model.EnvironmentNames}), and what a statement reports
 * ({@link dev.envsweep.core.model.ResultRow}, {@link dev.envsweep.core.model.Status},
 * {@link dev.envsweep.core.model.Orphan}). Plain immutable values: no connections, no SQL.
 */
package dev.envsweep.core.model;
