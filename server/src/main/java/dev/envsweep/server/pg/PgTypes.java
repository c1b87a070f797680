package dev.envsweep.server.pg;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The PostgreSQL type of each column envsweep's endpoint returns (the OIDs clients such as psycopg2 and
 * dbt-postgres look up by number), and its values in PostgreSQL's text format: {@code t}/{@code f}, ISO dates
 * and times, {@code \x} hex for bytes. Everything the endpoint sends as text (UUID, JSON, lists, intervals) is
 * {@code text} here too.
 */
final class PgTypes {
  private PgTypes() {}

  static final int BOOL = 16;
  static final int BYTEA = 17;
  static final int INT8 = 20;
  static final int INT2 = 21;
  static final int INT4 = 23;
  static final int TEXT = 25;
  static final int FLOAT4 = 700;
  static final int FLOAT8 = 701;
  static final int VARCHAR = 1043;
  static final int DATE = 1082;
  static final int TIME = 1083;
  static final int TIMESTAMP = 1114;
  static final int NUMERIC = 1700;

  /** The OID of a JDBC column type. */
  static int oid(int jdbcType) {
    return switch (jdbcType) {
      case Types.BOOLEAN, Types.BIT -> BOOL;
      case Types.TINYINT, Types.SMALLINT -> INT2;
      case Types.INTEGER -> INT4;
      case Types.BIGINT -> INT8;
      case Types.REAL -> FLOAT4;
      case Types.FLOAT, Types.DOUBLE -> FLOAT8;
      case Types.DECIMAL, Types.NUMERIC -> NUMERIC;
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> BYTEA;
      case Types.DATE -> DATE;
      case Types.TIME -> TIME;
      case Types.TIMESTAMP -> TIMESTAMP;
      case Types.VARCHAR, Types.CHAR, Types.NVARCHAR, Types.NCHAR -> VARCHAR;
      default -> TEXT;
    };
  }

  /** The type's size in bytes as RowDescription gives it; -1 for variable-length types. */
  static int size(int oid) {
    return switch (oid) {
      case BOOL -> 1;
      case INT2 -> 2;
      case INT4, FLOAT4, DATE -> 4;
      case INT8, FLOAT8, TIME, TIMESTAMP -> 8;
      default -> -1;
    };
  }

  private static final DateTimeFormatter TIMESTAMP_TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");

  /** Column {@code i}'s value in the current row, in PostgreSQL's text format; null for NULL. */
  static byte[] text(ResultSet rs, int i, int oid) throws SQLException {
    String text;
    switch (oid) {
      case BOOL: {
        boolean v = rs.getBoolean(i);
        text = rs.wasNull() ? null : v ? "t" : "f";
        break;
      }
      case BYTEA: {
        byte[] v = rs.getBytes(i);
        text = v == null ? null : "\\x" + HexFormat.of().formatHex(v);
        break;
      }
      case TIMESTAMP: {
        Timestamp v = rs.getTimestamp(i);
        text = v == null ? null : trimMillis(v.toLocalDateTime().format(TIMESTAMP_TEXT));
        break;
      }
      case TIME: {
        Time v = rs.getTime(i);
        text = v == null ? null : v.toLocalTime().toString();
        break;
      }
      default:
        text = rs.getString(i);
    }
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code .000} carries nothing: PostgreSQL prints whole seconds without a fraction. */
  private static String trimMillis(String timestamp) {
    return timestamp.endsWith(".000") ? timestamp.substring(0, timestamp.length() - 4) : timestamp;
  }
}
