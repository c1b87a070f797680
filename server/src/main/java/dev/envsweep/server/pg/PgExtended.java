package dev.envsweep.server.pg;

import dev.envsweep.core.sql.Prefilter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The extended query protocol (what pgjdbc uses by default, and node-postgres and psycopg3 with parameters):
 * named and unnamed prepared statements and portals, {@code $n} parameters in text or binary, results in the
 * formats the client asks, {@code Execute} with a row limit ({@code PortalSuspended}), {@code Close}. A statement
 * is prepared once on the session's envsweep connection ({@code $n} rewritten to JDBC's {@code ?}); a portal keeps
 * its open result until it is read to the end or closed.
 */
final class PgExtended {
  /** A parsed statement: the client's text, its parameters' types, and how it runs. */
  private record Parsed(String sql, int[] parameterOids, int[] order, PreparedStatement prepared) {
    /** Statements the session answers itself (transaction verbs, client parameters): run as simple queries. */
    boolean session() {
      return prepared == null;
    }
  }

  /** A bound statement: its values, the result formats asked for, and its result while it is read. */
  private static final class Portal {
    final Parsed statement;
    final List<Object> values;
    final short[] resultFormats;
    ResultSet rows;
    int[] oids;
    long sent;
    boolean done;

    Portal(Parsed statement, List<Object> values, short[] resultFormats) {
      this.statement = statement;
      this.values = values;
      this.resultFormats = resultFormats;
    }
  }

  private final PgSession session;
  private final Connection connection;
  private final PgWire wire;
  private final Map<String, Parsed> statements = new HashMap<>();
  private final Map<String, Portal> portals = new HashMap<>();

  PgExtended(PgSession session, Connection connection, PgWire wire) {
    this.session = session;
    this.connection = connection;
    this.wire = wire;
  }

  void parse(PgWire.Message m) throws SQLException, IOException {
    int at = 0;
    String name = m.cstring(at);
    at += utf8(name) + 1;
    String sql = m.cstring(at);
    at += utf8(sql) + 1;
    int count = m.int16(at);
    at += 2;
    int[] declared = new int[count];
    for (int i = 0; i < count; i++) {
      declared[i] = m.int32(at);
      at += 4;
    }
    closeStatement(name);
    List<Integer> order = new ArrayList<>();
    String jdbc = placeholders(sql, order);
    int parameters = order.stream().mapToInt(Integer::intValue).max().orElse(0);
    int[] oids = new int[parameters];
    for (int i = 0; i < parameters; i++) {
      oids[i] = i < declared.length ? declared[i] : 0;
    }
    PreparedStatement prepared = null;
    if (!session.answersItself(sql)) {
      prepared = connection.prepareStatement(jdbc);
      ParameterMetaData pmd = prepared.getParameterMetaData();
      for (int i = 0; i < order.size(); i++) {
        int n = order.get(i) - 1;
        if (oids[n] == 0 && pmd != null && i < pmd.getParameterCount()) {
          oids[n] = PgTypes.oid(pmd.getParameterType(i + 1));
        }
      }
    }
    for (int i = 0; i < oids.length; i++) {
      oids[i] = oids[i] == 0 ? PgTypes.TEXT : oids[i];
    }
    statements.put(name, new Parsed(sql, oids, order.stream().mapToInt(Integer::intValue).toArray(), prepared));
    wire.message('1').send();
  }

  void bind(PgWire.Message m) throws SQLException, IOException {
    int at = 0;
    String portal = m.cstring(at);
    at += utf8(portal) + 1;
    String name = m.cstring(at);
    at += utf8(name) + 1;
    Parsed statement = statements.get(name);
    if (statement == null) {
      throw new SQLException("prepared statement \"" + name + "\" does not exist", "26000");
    }
    int formatCount = m.int16(at);
    at += 2;
    short[] formats = new short[formatCount];
    for (int i = 0; i < formatCount; i++) {
      formats[i] = (short) m.int16(at);
      at += 2;
    }
    int count = m.int16(at);
    at += 2;
    List<Object> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int length = m.int32(at);
      at += 4;
      short format = formats.length == 0 ? 0 : formats.length == 1 ? formats[0] : formats[i];
      int oid = i < statement.parameterOids().length ? statement.parameterOids()[i] : PgTypes.TEXT;
      if (length < 0) {
        values.add(null);
      } else {
        values.add(format == 1 ? binaryValue(m.body(), at, length, oid) : textValue(new String(m.body(), at,
            length, StandardCharsets.UTF_8), oid));
        at += length;
      }
    }
    int resultCount = m.int16(at);
    at += 2;
    short[] results = new short[resultCount];
    for (int i = 0; i < resultCount; i++) {
      results[i] = (short) m.int16(at);
      at += 2;
    }
    closePortal(portal);
    portals.put(portal, new Portal(statement, values, results));
    wire.message('2').send();
  }

  void describe(PgWire.Message m) throws SQLException, IOException {
    char kind = (char) m.body()[0];
    String name = m.cstring(1);
    if (kind == 'S') {
      Parsed statement = statements.get(name);
      if (statement == null) {
        throw new SQLException("prepared statement \"" + name + "\" does not exist", "26000");
      }
      PgWire.Out parameters = wire.message('t').int16(statement.parameterOids().length);
      for (int oid : statement.parameterOids()) {
        parameters.int32(oid);
      }
      parameters.send();
      describeRows(statement, new short[0]);
    } else {
      Portal portal = portals.get(name);
      if (portal == null) {
        throw new SQLException("portal \"" + name + "\" does not exist", "34000");
      }
      describeRows(portal.statement, portal.resultFormats);
    }
  }

  private void describeRows(Parsed statement, short[] formats) throws SQLException, IOException {
    ResultSetMetaData md = statement.session() ? null : statement.prepared().getMetaData();
    if (statement.session() && QueryText.words(statement.sql(), 1).get(0).equals("show")) {
      wire.message('T').int16(1).cstring(QueryText.words(statement.sql(), 2).get(1)).int32(0).int16(0)
          .int32(PgTypes.TEXT).int16(-1).int32(-1).int16(0).send();
      return;
    }
    if (md == null || md.getColumnCount() == 0) {
      wire.message('n').send();
      return;
    }
    rowDescription(md, formats);
  }

  private int[] rowDescription(ResultSetMetaData md, short[] formats) throws SQLException, IOException {
    int n = md.getColumnCount();
    int[] oids = new int[n];
    PgWire.Out description = wire.message('T').int16(n);
    for (int i = 1; i <= n; i++) {
      oids[i - 1] = PgTypes.oid(md.getColumnType(i));
      description.cstring(md.getColumnLabel(i)).int32(0).int16(0).int32(oids[i - 1]).int16(PgTypes.size(oids[i - 1]))
          .int32(-1).int16(format(formats, i - 1));
    }
    description.send();
    return oids;
  }

  private static short format(short[] formats, int column) {
    return formats.length == 0 ? 0 : formats.length == 1 ? formats[0] : formats[column];
  }

  void execute(PgWire.Message m) throws SQLException, IOException {
    String name = m.cstring(0);
    int maxRows = m.int32(utf8(name) + 1);
    Portal portal = portals.get(name);
    if (portal == null) {
      throw new SQLException("portal \"" + name + "\" does not exist", "34000");
    }
    Parsed statement = portal.statement;
    if (statement.session()) {
      session.runQuietly(statement.sql());
      return;
    }
    if (portal.done) {
      wire.message('C').cstring(PgSession.tag(statement.sql(), portal.sent)).send();
      return;
    }
    if (portal.rows == null) {
      PreparedStatement ps = statement.prepared();
      for (int i = 0; i < statement.order().length; i++) {
        ps.setObject(i + 1, portal.values.get(statement.order()[i] - 1));
      }
      if (!session.executeTracked(ps)) {
        portal.done = true;
        wire.message('C').cstring(PgSession.tag(statement.sql(), Math.max(0, ps.getLargeUpdateCount()))).send();
        return;
      }
      portal.rows = ps.getResultSet();
      ResultSetMetaData md = portal.rows.getMetaData();
      portal.oids = new int[md.getColumnCount()];
      for (int i = 1; i <= portal.oids.length; i++) {
        portal.oids[i - 1] = PgTypes.oid(md.getColumnType(i));
      }
    }
    ResultSet rs = portal.rows;
    int n = portal.oids.length;
    long inThisCall = 0;
    while (maxRows <= 0 || inThisCall < maxRows) {
      if (!rs.next()) {
        portal.done = true;
        rs.close();
        portal.rows = null;
        wire.message('C').cstring(PgSession.tag(statement.sql(), portal.sent)).send();
        return;
      }
      PgWire.Out row = wire.message('D').int16(n);
      for (int i = 1; i <= n; i++) {
        row.value(format(portal.resultFormats, i - 1) == 1 ? PgTypes.binary(rs, i, portal.oids[i - 1])
            : PgTypes.text(rs, i, portal.oids[i - 1]));
      }
      row.send();
      portal.sent++;
      inThisCall++;
    }
    wire.message('s').send();
  }

  void close(PgWire.Message m) throws IOException {
    char kind = (char) m.body()[0];
    String name = m.cstring(1);
    if (kind == 'S') {
      closeStatement(name);
    } else {
      closePortal(name);
    }
    wire.message('3').send();
  }

  private void closeStatement(String name) {
    Parsed old = statements.remove(name);
    if (old != null && old.prepared() != null) {
      try {
        old.prepared().close();
      } catch (SQLException ignored) {
        // closing anyway
      }
    }
  }

  private void closePortal(String name) {
    Portal old = portals.remove(name);
    if (old != null && old.rows != null) {
      try {
        old.rows.close();
      } catch (SQLException ignored) {
        // closing anyway
      }
    }
  }

  /** Everything this session prepared, at its end. */
  void closeAll() {
    List.copyOf(portals.keySet()).forEach(this::closePortal);
    List.copyOf(statements.keySet()).forEach(this::closeStatement);
  }

  /**
   * PostgreSQL's {@code $n} placeholders as JDBC's {@code ?}, outside strings, quoted identifiers and comments;
   * {@code order} gets the {@code n} of each, in the order written (so {@code $1} twice binds the value twice).
   */
  static String placeholders(String sql, List<Integer> order) {
    StringBuilder out = new StringBuilder(sql.length());
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        int end = Prefilter.skipQuoted(sql, i, c);
        out.append(sql, i, end);
        i = end;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        end = end < 0 ? n : end;
        out.append(sql, i, end);
        i = end;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        out.append(sql, i, end);
        i = end;
      } else if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))) {
        int end = i + 1;
        while (end < n && Character.isDigit(sql.charAt(end))) {
          end++;
        }
        order.add(Integer.parseInt(sql.substring(i + 1, end)));
        out.append('?');
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** A parameter sent as text, as the JDBC value its type takes. */
  static Object textValue(String text, int oid) {
    return switch (oid) {
      case PgTypes.INT2, PgTypes.INT4 -> Integer.valueOf(text.strip());
      case PgTypes.INT8 -> Long.valueOf(text.strip());
      case PgTypes.FLOAT4, PgTypes.FLOAT8 -> Double.valueOf(text.strip());
      case PgTypes.NUMERIC -> new BigDecimal(text.strip());
      case PgTypes.BOOL -> text.strip().toLowerCase(java.util.Locale.ROOT).startsWith("t")
          || text.strip().equals("1") || text.strip().equalsIgnoreCase("on") || text.strip().equalsIgnoreCase("yes");
      case PgTypes.BYTEA -> text.startsWith("\\x") ? HexFormat.of().parseHex(text.substring(2))
          : text.getBytes(StandardCharsets.UTF_8);
      default -> text;
    };
  }

  /** A parameter sent in binary, for the types clients send so (pgjdbc's setInt, setLong, ...). */
  static Object binaryValue(byte[] body, int at, int length, int oid) throws SQLException {
    ByteBuffer b = ByteBuffer.wrap(body, at, length);
    return switch (oid) {
      case PgTypes.INT2 -> (int) b.getShort();
      case PgTypes.INT4 -> b.getInt();
      case PgTypes.INT8 -> b.getLong();
      case PgTypes.FLOAT4 -> (double) b.getFloat();
      case PgTypes.FLOAT8 -> b.getDouble();
      case PgTypes.BOOL -> b.get() != 0;
      case PgTypes.BYTEA -> java.util.Arrays.copyOfRange(body, at, at + length);
      case PgTypes.TEXT, PgTypes.VARCHAR -> new String(body, at, length, StandardCharsets.UTF_8);
      default -> throw new SQLException("binary parameters of type " + oid + " are not supported: send them as "
          + "text", "0A000");
    };
  }

  private static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
