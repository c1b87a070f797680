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

  private static final java.time.LocalDate PG_EPOCH = java.time.LocalDate.of(2000, 1, 1);

  /** Column {@code i}'s value in PostgreSQL's binary format, for the types a client asks so; null for NULL. */
  static byte[] binary(ResultSet rs, int i, int oid) throws SQLException {
    java.nio.ByteBuffer b;
    switch (oid) {
      case BOOL: {
        boolean v = rs.getBoolean(i);
        return rs.wasNull() ? null : new byte[] {(byte) (v ? 1 : 0)};
      }
      case INT2: {
        short v = rs.getShort(i);
        return rs.wasNull() ? null : java.nio.ByteBuffer.allocate(2).putShort(v).array();
      }
      case INT4: {
        int v = rs.getInt(i);
        return rs.wasNull() ? null : java.nio.ByteBuffer.allocate(4).putInt(v).array();
      }
      case INT8: {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : java.nio.ByteBuffer.allocate(8).putLong(v).array();
      }
      case FLOAT4: {
        float v = rs.getFloat(i);
        return rs.wasNull() ? null : java.nio.ByteBuffer.allocate(4).putFloat(v).array();
      }
      case FLOAT8: {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : java.nio.ByteBuffer.allocate(8).putDouble(v).array();
      }
      case BYTEA:
        return rs.getBytes(i);
      case DATE: {
        java.sql.Date v = rs.getDate(i);
        return v == null ? null : java.nio.ByteBuffer.allocate(4).putInt((int) java.time.temporal.ChronoUnit.DAYS
            .between(PG_EPOCH, v.toLocalDate())).array();
      }
      case TIMESTAMP: {
        Timestamp v = rs.getTimestamp(i);
        if (v == null) {
          return null;
        }
        long micros = java.time.temporal.ChronoUnit.MICROS.between(PG_EPOCH.atStartOfDay(), v.toLocalDateTime());
        return java.nio.ByteBuffer.allocate(8).putLong(micros).array();
      }
      case TIME: {
        Time v = rs.getTime(i);
        return v == null ? null : java.nio.ByteBuffer.allocate(8).putLong(v.toLocalTime().toNanoOfDay() / 1000)
            .array();
      }
      case NUMERIC: {
        java.math.BigDecimal v = rs.getBigDecimal(i);
        return v == null ? null : numeric(v);
      }
      default: {
        String v = rs.getString(i);
        return v == null ? null : v.getBytes(StandardCharsets.UTF_8);
      }
    }
  }

  /** PostgreSQL's binary NUMERIC: base-10000 digits, the weight of the first, the sign and the display scale. */
  static byte[] numeric(java.math.BigDecimal value) {
    int scale = Math.max(0, value.scale());
    java.math.BigInteger unscaled = value.setScale(scale, java.math.RoundingMode.UNNECESSARY).unscaledValue();
    boolean negative = unscaled.signum() < 0;
    String digits = unscaled.abs().toString();
    if (digits.length() <= scale) {
      digits = "0".repeat(scale - digits.length() + 1) + digits;
    }
    // The integer part padded on the left and the fraction on the right to whole groups of four digits.
    String integer = digits.substring(0, digits.length() - scale);
    String fraction = digits.substring(digits.length() - scale);
    integer = "0".repeat((4 - integer.length() % 4) % 4) + integer;
    fraction = fraction + "0".repeat((4 - fraction.length() % 4) % 4);
    String all = integer + fraction;
    java.util.List<Short> groups = new java.util.ArrayList<>();
    for (int g = 0; g < all.length(); g += 4) {
      groups.add(Short.parseShort(all.substring(g, g + 4)));
    }
    int integerGroups = integer.length() / 4;
    int weight = integerGroups - 1;
    while (!groups.isEmpty() && groups.get(0) == 0) {
      groups.remove(0);
      weight--;
    }
    while (!groups.isEmpty() && groups.get(groups.size() - 1) == 0) {
      groups.remove(groups.size() - 1);
    }
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 2 * groups.size());
    b.putShort((short) groups.size()).putShort((short) (groups.isEmpty() ? 0 : weight))
        .putShort((short) (negative ? 0x4000 : 0)).putShort((short) scale);
    groups.forEach(b::putShort);
    return b.array();
  }
}
