package dev.envsweep.server.pg;

import dev.envsweep.core.meta.Caller;
import dev.envsweep.core.meta.EnvsweepDriver;
import dev.envsweep.core.meta.EnvsweepMeta;
import dev.envsweep.server.auth.UsersFile;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.AvaticaSqlException;

/**
 * One PostgreSQL client session: the start-up handshake, then simple queries, each statement run on one
 * envsweep connection of its own over the server's Meta, so it behaves exactly as on the Avatica port. The
 * transaction verbs and the session parameters PostgreSQL clients set for themselves are answered here; every
 * other statement goes to envsweep. The extended query protocol is {@link PgExtended}'s.
 */
final class PgSession implements Runnable {
  private static final int SSL_REQUEST = 80877103;
  private static final int GSSENC_REQUEST = 80877104;
  private static final int CANCEL_REQUEST = 80877102;
  private static final int PROTOCOL_3 = 196608;

  /** Parameters PostgreSQL clients set for themselves; kept here, never sent to the gateway. */
  private static final Set<String> CLIENT_PARAMETERS = Set.of("application_name", "client_encoding", "datestyle",
      "extra_float_digits", "intervalstyle", "standard_conforming_strings", "timezone", "client_min_messages",
      "bytea_output", "search_path", "statement_timeout", "lc_messages");

  private volatile Socket socket;
  private final EnvsweepMeta meta;
  private final PgServer server;
  final int processId;
  final int secret;
  private PgWire wire;
  private Connection connection;
  private PgExtended extended;
  private volatile Statement running;
  private final Map<String, String> parameters = new LinkedHashMap<>();
  private boolean inTransaction;
  private boolean failedTransaction;

  PgSession(Socket socket, EnvsweepMeta meta, PgServer server, int processId, int secret) {
    this.socket = socket;
    this.meta = meta;
    this.server = server;
    this.processId = processId;
    this.secret = secret;
    parameters.put("server_version", "14.0");
    parameters.put("server_encoding", "UTF8");
    parameters.put("client_encoding", "UTF8");
    parameters.put("DateStyle", "ISO, MDY");
    parameters.put("IntervalStyle", "postgres");
    parameters.put("TimeZone", "UTC");
    parameters.put("integer_datetimes", "on");
    parameters.put("standard_conforming_strings", "on");
    parameters.put("is_superuser", "off");
    parameters.put("application_name", "");
  }

  @Override
  public void run() {
    // Not try-with-resources: the socket must still be open when the catch below reports a protocol violation.
    try {
      wire = new PgWire(new BufferedInputStream(socket.getInputStream()),
          new BufferedOutputStream(socket.getOutputStream()));
      if (!startup()) {
        return;
      }
      extended = new PgExtended(this, connection, wire);
      // After an error in the extended protocol, every message up to the next Sync is skipped, as PostgreSQL does.
      boolean skipToSync = false;
      while (true) {
        PgWire.Message m = wire.read();
        if (m == null || m.type() == 'X') {
          return;
        }
        switch (m.type()) {
          case 'Q' -> query(m.cstring(0));
          case 'S' -> {
            skipToSync = false;
            ready();
          }
          case 'H' -> wire.flush();
          case 'P', 'B', 'D', 'E', 'C' -> {
            if (!skipToSync) {
              skipToSync = !extended(m);
            }
          }
          case 'F' -> {
            if (!skipToSync) {
              error("ERROR", "0A000", "the function call protocol is not supported", 0);
              skipToSync = true;
            }
          }
          default -> throw new PgWire.ProtocolException("unexpected message type '" + m.type() + "'");
        }
      }
    } catch (PgWire.ProtocolException e) {
      fatal("08P01", "protocol violation: " + e.getMessage());
    } catch (IOException | RuntimeException e) {
      // The client went away (or broke its socket): its envsweep connection is closed below.
    } finally {
      close();
      server.ended(this);
    }
  }

  /** One message of the extended protocol; false after an error, which the client has been sent. */
  private boolean extended(PgWire.Message m) throws IOException {
    try {
      switch (m.type()) {
        case 'P' -> extended.parse(m);
        case 'B' -> extended.bind(m);
        case 'D' -> extended.describe(m);
        case 'E' -> extended.execute(m);
        default -> extended.close(m);
      }
      return true;
    } catch (SQLException | RuntimeException e) {
      SQLException error = e instanceof SQLException q ? q : new SQLException(String.valueOf(e.getMessage()),
          e instanceof NumberFormatException ? "22P02" : "XX000", e);
      error("ERROR", state(error), message(error, null), 0);
      if (inTransaction) {
        failedTransaction = true;
      }
      return false;
    }
  }

  /**
   * Whether the session answers a statement itself, without envsweep: the transaction verbs and the parameters
   * PostgreSQL clients set for themselves.
   */
  boolean answersItself(String sql) {
    List<String> words = QueryText.words(sql, 1);
    if (words.isEmpty()) {
      return true;
    }
    return switch (words.get(0)) {
      case "begin", "start", "commit", "end", "rollback", "abort" -> true;
      case "set", "reset", "show" -> {
        Matcher m = (words.get(0).equals("set") ? SET : NAME).matcher(sql);
        yield m.matches() && (CLIENT_PARAMETERS.contains(m.group(1).toLowerCase(Locale.ROOT))
            || m.group(1).equalsIgnoreCase("all"));
      }
      default -> false;
    };
  }

  /** Runs a statement the session answers itself, for an Execute of the extended protocol. */
  void runQuietly(String sql) throws SQLException, IOException {
    if (QueryText.words(sql, 1).isEmpty()) {
      wire.message('I').send(); // EmptyQueryResponse, as PostgreSQL answers an empty statement
      return;
    }
    run(sql);
  }

  /** Executes a prepared statement where a CancelRequest can reach it. */
  boolean executeTracked(java.sql.PreparedStatement ps) throws SQLException {
    running = ps;
    try {
      return ps.execute();
    } finally {
      running = null;
    }
  }

  /** The start-up messages, up to the first ReadyForQuery; false when the session ends there. */
  private boolean startup() throws IOException {
    while (true) {
      PgWire.Message m = wire.readStartup();
      int code = m.body().length >= 4 ? m.int32(0) : 0;
      if (code == SSL_REQUEST && server.tls() != null) {
        // TLS from here on: the handshake, then the start-up message again, encrypted.
        wire.raw('S');
        javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) server.tls().createSocket(socket,
            socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        tls.setUseClientMode(false);
        tls.startHandshake();
        socket = tls;
        wire = new PgWire(new BufferedInputStream(tls.getInputStream()), new BufferedOutputStream(
            tls.getOutputStream()));
        continue;
      }
      if (code == SSL_REQUEST || code == GSSENC_REQUEST) {
        wire.raw('N');
        continue;
      }
      if (code == CANCEL_REQUEST && m.body().length >= 12) {
        server.cancel(m.int32(4), m.int32(8));
        return false;
      }
      if (code != PROTOCOL_3) {
        fatal("0A000", "unsupported frontend protocol " + (code >>> 16) + "." + (code & 0xffff)
            + ": envsweep speaks 3.0");
        return false;
      }
      Map<String, String> startup = new HashMap<>();
      int i = 4;
      while (i < m.body().length && m.body()[i] != 0) {
        String key = m.cstring(i);
        i += key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
        String value = m.cstring(i);
        i += value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
        startup.put(key, value);
      }
      if (startup.containsKey("application_name")) {
        parameters.put("application_name", startup.get("application_name"));
      }
      String user = startup.getOrDefault("user", "");
      parameters.put("session_authorization", user);
      String address = "pg " + socket.getRemoteSocketAddress().toString().replaceFirst("^/", "");
      Caller caller = new Caller(null, false, address);
      if (server.users() != null) {
        UsersFile.User known = server.users().get(user);
        if (!authenticate(known)) {
          fatal("28P01", "password authentication failed for user \"" + user + "\"");
          return false;
        }
        caller = new Caller(user, known.readOnly(), address);
      }
      try {
        connection = EnvsweepDriver.connect(meta, caller);
      } catch (SQLException e) {
        fatal(state(e), message(e, null));
        return false;
      }
      wire.message('R').int32(0).send();
      for (Map.Entry<String, String> p : parameters.entrySet()) {
        wire.message('S').cstring(p.getKey()).cstring(p.getValue()).send();
      }
      wire.message('K').int32(processId).int32(secret).send();
      ready();
      return true;
    }
  }

  /**
   * SCRAM-SHA-256 against the users file: AuthenticationSASL, the client's first message, the server's, the
   * client's proof, the server's signature. False when the password (or the user) is wrong, or the client does
   * not speak SCRAM.
   */
  private boolean authenticate(UsersFile.User user) throws IOException {
    wire.message('R').int32(10).cstring(Scram.MECHANISM).byte1(0).send();
    wire.flush();
    Scram scram = new Scram(user == null ? null : user.passwordHash());
    PgWire.Message first = wire.read();
    if (first == null || first.type() != 'p') {
      return false;
    }
    String mechanism = first.cstring(0);
    int at = mechanism.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
    if (!mechanism.equals(Scram.MECHANISM) || first.body().length < at + 4) {
      return false;
    }
    String clientFirst = new String(first.body(), at + 4, first.body().length - at - 4,
        java.nio.charset.StandardCharsets.UTF_8);
    String serverFirst = scram.serverFirst(clientFirst);
    if (serverFirst == null) {
      return false;
    }
    wire.message('R').int32(11).bytes(serverFirst.getBytes(java.nio.charset.StandardCharsets.UTF_8)).send();
    wire.flush();
    PgWire.Message last = wire.read();
    if (last == null || last.type() != 'p') {
      return false;
    }
    String serverFinal = scram.serverFinal(new String(last.body(), java.nio.charset.StandardCharsets.UTF_8));
    if (serverFinal == null) {
      return false;
    }
    wire.message('R').int32(12).bytes(serverFinal.getBytes(java.nio.charset.StandardCharsets.UTF_8)).send();
    return true;
  }

  /** A simple query: each statement in turn, up to the first error, then one ReadyForQuery. */
  private void query(String text) throws IOException {
    List<QueryText.Piece> statements = QueryText.split(text);
    if (statements.isEmpty()) {
      wire.message('I').send();
    }
    for (QueryText.Piece statement : statements) {
      try {
        run(statement.sql());
      } catch (SQLException e) {
        Integer position = position(e, statement.sql());
        error("ERROR", state(e), message(e, statement.sql()), position == null ? 0
            : statement.offset() + position);
        if (inTransaction) {
          failedTransaction = true;
        }
        break;
      }
    }
    ready();
  }

  private void run(String sql) throws SQLException, IOException {
    List<String> words = QueryText.words(sql, 3);
    String verb = words.get(0);
    if (failedTransaction && !List.of("rollback", "abort", "commit", "end").contains(verb)) {
      throw new SQLException("current transaction is aborted, commands ignored until end of transaction block",
          "25P02");
    }
    switch (verb) {
      case "begin", "start" -> {
        if (inTransaction) {
          notice("WARNING", "25001", "there is already a transaction in progress");
        } else {
          connection.setAutoCommit(false);
          inTransaction = true;
        }
        complete(verb.equals("begin") ? "BEGIN" : "START TRANSACTION");
      }
      case "commit", "end", "rollback", "abort" -> {
        boolean commit = (verb.equals("commit") || verb.equals("end")) && !failedTransaction;
        if (!inTransaction) {
          notice("WARNING", "25P01", "there is no transaction in progress");
        } else {
          if (commit) {
            connection.commit();
          } else {
            connection.rollback();
          }
          connection.setAutoCommit(true);
        }
        inTransaction = false;
        failedTransaction = false;
        complete(commit ? "COMMIT" : "ROLLBACK");
      }
      case "set", "reset", "show" -> {
        if (!sessionParameter(verb, sql)) {
          execute(sql);
        }
      }
      default -> execute(sql);
    }
  }

  private static final Pattern SET = Pattern.compile("(?is)\\s*set\\s+(?:session\\s+|local\\s+)?([a-z_.]+)\\s*"
      + "(?:=|\\s+to\\s+)\\s*(.*?)\\s*;?\\s*");
  private static final Pattern NAME = Pattern.compile("(?is)\\s*(?:show|reset)\\s+([a-z_.]+)\\s*;?\\s*");

  /** SET, RESET and SHOW of a parameter PostgreSQL clients set for themselves; false for any other. */
  private boolean sessionParameter(String verb, String sql) throws SQLException, IOException {
    Matcher m = (verb.equals("set") ? SET : NAME).matcher(sql);
    if (!m.matches()) {
      return false;
    }
    String name = m.group(1).toLowerCase(Locale.ROOT);
    if (!CLIENT_PARAMETERS.contains(name) && !name.equals("all")) {
      return false;
    }
    String key = parameters.keySet().stream().filter(k -> k.equalsIgnoreCase(name)).findFirst().orElse(name);
    switch (verb) {
      case "set" -> {
        String value = m.group(2).replaceAll("^'(.*)'$", "$1");
        if (name.equals("client_encoding") && !value.equalsIgnoreCase("UTF8") && !value.equalsIgnoreCase("UTF-8")) {
          throw new SQLException("envsweep speaks UTF8 only, not " + value, "22023");
        }
        parameters.put(key, value);
        complete("SET");
      }
      case "reset" -> complete("RESET");
      default -> {
        wire.message('T').int16(1).cstring(name).int32(0).int16(0).int32(PgTypes.TEXT).int16(-1).int32(-1).int16(0)
            .send();
        String value = parameters.get(key);
        wire.message('D').int16(1).value(value == null ? null : value.getBytes(
            java.nio.charset.StandardCharsets.UTF_8)).send();
        complete("SHOW");
      }
    }
    return true;
  }

  /** Runs a statement on envsweep and sends what it returned: rows and their count, or its tag. */
  private void execute(String sql) throws SQLException, IOException {
    try (Statement s = connection.createStatement()) {
      running = s;
      if (!s.execute(sql)) {
        complete(tag(sql, Math.max(0, s.getLargeUpdateCount())));
        return;
      }
      try (ResultSet rs = s.getResultSet()) {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        int[] oids = new int[n];
        int status = -1;
        PgWire.Out description = wire.message('T').int16(n);
        for (int i = 1; i <= n; i++) {
          oids[i - 1] = PgTypes.oid(md.getColumnType(i));
          description.cstring(md.getColumnLabel(i)).int32(0).int16(0).int32(oids[i - 1])
              .int16(PgTypes.size(oids[i - 1])).int32(-1).int16(0);
          if (md.getColumnLabel(i).equals("status")) {
            status = i;
          }
        }
        description.send();
        long rows = 0;
        long warnings = 0;
        while (rs.next()) {
          PgWire.Out row = wire.message('D').int16(n);
          for (int i = 1; i <= n; i++) {
            row.value(PgTypes.text(rs, i, oids[i - 1]));
          }
          row.send();
          if (status > 0 && "WARNING".equals(rs.getString(status))) {
            warnings++;
          }
          rows++;
        }
        if (warnings > 0) {
          notice("WARNING", "01000", warnings + " row(s) with status WARNING: objects or environments deliberately "
              + "left behind (see their message)");
        }
        complete(tag(sql, rows));
      }
    } finally {
      running = null;
    }
  }

  /**
   * The command tag: {@code SELECT n} for queries (what psql, psycopg2's rowcount and dbt read), the verb of an
   * envsweep statement with its row count ({@code INVALIDATE 1}, {@code CLEANUP 21}), PostgreSQL's forms for
   * writes ({@code INSERT 0 n}, {@code UPDATE n}), else the statement's first words.
   */
  static String tag(String sql, long count) {
    List<String> w = QueryText.words(sql, 2);
    String first = w.get(0);
    String second = w.size() > 1 ? w.get(1) : "";
    return switch (first) {
      case "select", "with", "values", "table", "from", "show", "describe", "summarize", "pragma" -> "SELECT "
          + count;
      case "insert" -> "INSERT 0 " + count;
      case "update", "delete", "merge", "invalidate", "cleanup", "restore", "call", "copy" -> first.toUpperCase(
          Locale.ROOT) + " " + count;
      case "explain" -> "EXPLAIN " + count;
      case "create", "drop", "alter" -> (first + " " + second).toUpperCase(Locale.ROOT);
      default -> first.toUpperCase(Locale.ROOT);
    };
  }

  /** Stops the statement running now, as a CancelRequest asks. */
  void cancel() {
    Statement s = running;
    if (s != null) {
      try {
        s.cancel();
      } catch (SQLException ignored) {
        // it ended already
      }
    }
  }

  private void complete(String tag) throws IOException {
    wire.message('C').cstring(tag).send();
  }

  private void ready() throws IOException {
    wire.message('Z').byte1(failedTransaction ? 'E' : inTransaction ? 'T' : 'I').send();
    wire.flush();
  }

  private void notice(String severity, String state, String message) throws IOException {
    wire.message('N').byte1('S').cstring(severity).byte1('V').cstring(severity).byte1('C').cstring(state)
        .byte1('M').cstring(message).byte1(0).send();
  }

  private void error(String severity, String state, String message, int position) throws IOException {
    PgWire.Out e = wire.message('E').byte1('S').cstring(severity).byte1('V').cstring(severity).byte1('C')
        .cstring(state).byte1('M').cstring(message);
    if (position > 0) {
      e.byte1('P').cstring(String.valueOf(position));
    }
    e.byte1(0).send();
  }

  /** A FATAL error, then the session ends; a client already gone is not told. */
  private void fatal(String state, String message) {
    try {
      error("FATAL", state, message, 0);
      wire.flush();
    } catch (IOException | RuntimeException ignored) {
      // nobody to tell
    }
  }

  private static String state(SQLException e) {
    String state = e.getSQLState();
    return state != null && state.length() == 5 ? state : "XX000";
  }

  private static final Pattern QUOTED_STATEMENT = Pattern.compile("(?s)^Error while executing SQL \".*?\"(?: \\(\\d+ "
      + "characters\\))?: ");

  /** The error's own words, without the prefix Avatica's statement adds (the statement, which psql shows). */
  static String message(SQLException e, String sql) {
    String m = e instanceof AvaticaSqlException a && a.getErrorMessage() != null ? a.getErrorMessage()
        : e.getMessage();
    if (sql != null && m.startsWith("Error while executing SQL \"" + sql + "\": ")) {
      return m.substring(("Error while executing SQL \"" + sql + "\": ").length());
    }
    return QUOTED_STATEMENT.matcher(m).replaceFirst("");
  }

  private static final Pattern LINE_COLUMN = Pattern.compile("at line (\\d+), column (\\d+)");

  /** The 1-based character position of a syntax error envsweep located by line and column, or null. */
  static Integer position(SQLException e, String sql) {
    Matcher m = LINE_COLUMN.matcher(message(e, sql));
    if (!m.find()) {
      return null;
    }
    int line = Integer.parseInt(m.group(1));
    int column = Integer.parseInt(m.group(2));
    int offset = 0;
    for (int l = 1; l < line; l++) {
      int next = sql.indexOf('\n', offset);
      if (next < 0) {
        return null;
      }
      offset = next + 1;
    }
    return offset + column;
  }

  /** Ends the session: its envsweep connection (and gateway connection) is closed. */
  void close() {
    if (extended != null) {
      extended.closeAll();
    }
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException ignored) {
      // closing anyway
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
