package dev.envsweep.core;

import java.sql.SQLException;

/**
 * The SQLSTATEs envsweep raises (DESIGN section 3), and the one place its exceptions are made, so that every
 * client sees the same state for the same problem.
 */
public final class SqlStates {
  private SqlStates() {}

  /** Syntax error; the message has the line and column and what was expected. */
  public static final String SYNTAX_ERROR = "42601";
  /** No such environment. */
  public static final String UNDEFINED_OBJECT = "42704";
  /** No such procedure. */
  public static final String UNDEFINED_FUNCTION = "42883";
  /** Refused: the environment is prod or pinned. */
  public static final String OBJECT_NOT_IN_PREREQUISITE_STATE = "55000";
  /** Cleanup failed; the message names every failed object and the run id. */
  public static final String SYSTEM_ERROR = "58000";
  /** A gateway or the state store cannot be reached. */
  public static final String CONNECTION_FAILURE = "08001";
  /** An argument has the wrong type or value. */
  public static final String INVALID_PARAMETER_VALUE = "22023";
  /** The configuration or the state store is not usable as it is. */
  public static final String CONFIGURATION_ERROR = "F0000";
  /** The statement was stopped: cancelled by a client or an operator, or past its time limit. */
  public static final String QUERY_CANCELED = "57014";
  /** A statement that changes state on a connection set read-only. */
  public static final String READ_ONLY = "25006";
  /** The user may not run this statement. */
  public static final String INSUFFICIENT_PRIVILEGE = "42501";
  /** A character no engine accepts in SQL text (U+0000). */
  public static final String CHARACTER_NOT_IN_REPERTOIRE = "22021";
  /** A connection setting named a schema that does not exist. */
  public static final String INVALID_SCHEMA_NAME = "3F000";
  /** A connection setting named a catalog that does not exist. */
  public static final String INVALID_CATALOG_NAME = "3D000";
  /** An error of envsweep itself. */
  public static final String INTERNAL_ERROR = "XX000";

  public static SQLException syntax(String message) {
    return new SQLException(message, SYNTAX_ERROR);
  }

  public static SQLException invalidArgument(String message) {
    return new SQLException(message, INVALID_PARAMETER_VALUE);
  }

  public static SQLException unknownEnvironment(String name) {
    return new SQLException("environment '" + shown(name) + "' does not exist", UNDEFINED_OBJECT);
  }

  /** A name as messages show it: at most 200 characters, control characters escaped. */
  public static String shown(String name) {
    StringBuilder sb = new StringBuilder();
    name.codePoints().limit(200).forEach(cp -> {
      if (Character.isISOControl(cp)) {
        sb.append(String.format("\\u%04x", cp));
      } else {
        sb.appendCodePoint(cp);
      }
    });
    return name.codePointCount(0, name.length()) > 200 ? sb + "... (" + name.length() + " characters)" : sb.toString();
  }

  public static SQLException refused(String message) {
    return new SQLException(message, OBJECT_NOT_IN_PREREQUISITE_STATE);
  }

  public static SQLException cleanupFailed(String message) {
    return new SQLException(message, SYSTEM_ERROR);
  }

  public static SQLException configuration(String message) {
    return new SQLException(message, CONFIGURATION_ERROR);
  }

  /**
   * The failure's message, with the driver's own reason appended when the failure is a pool's ("request timed
   * out") and the driver's explanation lies deeper in the causes ("Connection refused").
   */
  public static String withDriverReason(SQLException e, String message) {
    Throwable driver = null;
    for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof SQLException || driver == null) {
        driver = t;
      }
    }
    if (driver != null && driver.getMessage() != null && !message.contains(driver.getMessage())) {
      return message + " (" + driver.getMessage() + ")";
    }
    return message;
  }

  public static SQLException unreachable(String message, Throwable cause) {
    return new SQLException(message, CONNECTION_FAILURE, cause);
  }
}
