package dev.envsweep.core.model;

/**
 * One row of every envsweep statement's result, and of {@code sys.cleanup_history}. The
 * column order here is the result's column order.
 *
 * @param environment sanitised environment name
 * @param gateway the gateway the statement ran on; null for state-only rows
 * @param objectKind {@code VIEW}, {@code SCHEMA}, {@code CATALOG} or {@code ENVIRONMENT}
 * @param objectName the object's name as it appears in the statement (dialect-quoted), or the environment
 * @param sql the exact statement sent (or that would be sent, under EXPLAIN)
 * @param status what happened
 * @param message why, in words; the driver's error text for failures
 * @param elapsedMs how long the statement took
 */
public record ResultRow(String environment, String gateway, String objectKind, String objectName, String sql,
    Status status, String message, long elapsedMs) {

  public boolean failed() {
    return status == Status.FAILED;
  }
}
