/**
 * A small SQLMesh-shaped project written into DuckDB (physical tables, prod views, dev environments of each suffix
 * target, their state rows), for {@code serve --demo} and the tests. It writes what SQLMesh would; names are the
 * project's own, never user input.
 */
package dev.envsweep.core.demo;
