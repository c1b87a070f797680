/**
 * The {@code sys} schema: envsweep's state as tables ({@code sys.environments}, {@code sys.cleanup_history},
 * {@code sys.orphans}, {@code sys.gateways}, {@code sys.procedures}, and {@code sys.sessions}, the open client
 * connections the endpoint reports), queried in-process by Calcite with ordinary
 * SQL. The tables read {@code state} a page at a time, so a query's memory does not grow with the backlog; they
 * change nothing.
 */
package dev.envsweep.core.sys;
