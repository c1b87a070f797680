/**
 * Parse: the extended Calcite grammar and its statement nodes. {@link dev.envsweep.core.sql.Prefilter} decides,
 * without parsing, which statements are envsweep's; {@link dev.envsweep.core.sql.EnvsweepParser} turns each into
 * one immutable node per statement, a {@code CALL sys.<procedure>(...)} into the node of the statement it spells
 * (its arguments checked against {@link dev.envsweep.core.sql.Procedures} here). The nodes go to
 * {@code lifecycle}, which reads their values when they run; nothing here runs anything.
 */
package dev.envsweep.core.sql;
