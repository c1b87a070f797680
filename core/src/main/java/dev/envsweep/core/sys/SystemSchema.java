package dev.envsweep.core.sys;

import dev.envsweep.core.Envsweep;
import dev.envsweep.core.sql.impl.EnvsweepSqlParserImpl;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * envsweep's system tables as a Calcite schema named {@code sys}, queried in-process with ordinary SQL
 * (filters, joins among them, ORDER BY). They cannot be joined with warehouse tables: those live elsewhere.
 */
public final class SystemSchema {
  private SystemSchema() {}

  /** A Calcite connection whose root schema has {@code sys}. Names keep their case, matched case-insensitively. */
  public static Connection connect(Envsweep envsweep, SessionSource sessions) throws SQLException {
    Properties info = new Properties();
    info.setProperty("caseSensitive", "false");
    info.setProperty("unquotedCasing", "UNCHANGED");
    info.setProperty("quotedCasing", "UNCHANGED");
    info.setProperty("quoting", "DOUBLE_QUOTE");
    info.setProperty("conformance", "DEFAULT");
    info.setProperty("timeZone", "UTC");
    // PostgreSQL's functions and operators (ILIKE, to_char, date_part, string_agg, ...) beside the standard's:
    // the same connection forwards PostgreSQL-style SQL to the gateway, and people type it here too.
    info.setProperty("fun", "standard,postgresql");
    // envsweep's grammar, in which "at" and "sql" (columns of sys.cleanup_history) are not reserved.
    info.setProperty("parserFactory", EnvsweepSqlParserImpl.class.getName() + "#FACTORY");
    // Calcite's driver itself, not DriverManager's choice: this works in whatever class loader envsweep runs.
    Connection connection = new org.apache.calcite.jdbc.Driver().connect("jdbc:calcite:", info);
    CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
    Map<String, Table> tables = Map.of(
        "environments", new EnvironmentsTable(envsweep.state(), envsweep.config()),
        "cleanup_history", new CleanupHistoryTable(envsweep.tables()),
        "orphans", new OrphansTable(envsweep.tables()),
        "gateways", new GatewaysTable(envsweep.gateways()),
        "procedures", new ProceduresTable(),
        "sessions", new SessionsTable(sessions));
    // PostgreSQL's now() and date_trunc(), which Calcite's PostgreSQL library lacks (see PgFunctions).
    calcite.getRootSchema().add("now", org.apache.calcite.schema.impl.ScalarFunctionImpl.create(PgFunctions.class,
        "now"));
    calcite.getRootSchema().add("date_trunc", org.apache.calcite.schema.impl.ScalarFunctionImpl.create(
        PgFunctions.class, "date_trunc"));
    calcite.getRootSchema().add("sys", new AbstractSchema() {
      @Override
      protected Map<String, Table> getTableMap() {
        return tables;
      }
    });
    return connection;
  }

  /**
   * Calcite's failure, restated as what it means to the client: 42P01 unknown table, 42703 unknown column,
   * 42000 other invalid queries, or the state store's own error.
   */
  public static SQLException translate(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PgFunctions.InvalidArgument a) {
        return new SQLException(a.getMessage(), "22023");
      }
      if (t instanceof ExceptionInInitializerError init && init.getCause() != null) {
        // Calcite evaluates constant expressions (a literal cast to the column's type) while it loads the query's
        // generated class: their failures are the data's, not envsweep's.
        Throwable cause = init.getCause();
        String message = String.valueOf(cause.getMessage());
        return new SQLException("invalid input: " + message + (message.toLowerCase(java.util.Locale.ROOT)
            .matches(".*(date|time).*") ? " (write timestamps as TIMESTAMP '2026-12-01 00:00:00', in UTC)" : ""),
            message.toLowerCase(java.util.Locale.ROOT).matches(".*(date|time).*") ? "22007" : "22000", cause);
      }
      if (t instanceof ArithmeticException a) {
        return new SQLException(a.getMessage() != null && a.getMessage().contains("by zero") ? "division by zero"
            : a.getMessage(), "22012");
      }
      if (t instanceof PagedEnumerable.SystemTableException && t.getCause() instanceof SQLException s) {
        return s;
      }
      if (t instanceof CalciteContextException c) {
        String message = c.getMessage();
        String state = message.contains("not found within") || message.contains("Object '") && message
            .contains("not found") ? "42P01" : message.contains("Column '") && message.contains("not found")
            ? "42703" : "42000";
        return new SQLException(message + " (system tables are sys.environments, sys.cleanup_history, "
            + "sys.orphans, sys.gateways, sys.procedures and sys.sessions; they cannot be joined with warehouse "
            + "tables)", state);
      }
    }
    if (e instanceof SQLException s) {
      return s.getSQLState() == null ? new SQLException(s.getMessage(), "42000", s) : s;
    }
    return new SQLException(String.valueOf(e.getMessage() != null ? e.getMessage() : e), "XX000", e);
  }
}
