/**
 * One class per warehouse engine: quoting, SQLGlot-compatible identifier folding, catalog rules, DROP rendering
 * (guarded and SQLMesh's FORCE form), the ownership guard's listing query and the SQL a state store needs.
 * {@link dev.envsweep.dialects.Dialects} lists them; adding an engine is one class there and one golden file
 * (see this module's README.md).
 */
package dev.envsweep.dialects;
