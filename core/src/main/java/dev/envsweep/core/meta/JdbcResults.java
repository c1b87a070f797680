package dev.envsweep.core.meta;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Blob;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import dev.envsweep.core.sys.ColumnLabels;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.SqlType;
import org.apache.calcite.avatica.util.DateTimeUtils;

/**
 * A JDBC result set as envsweep serves it: column metadata every Avatica client can read, and values that
 * every serialization (protobuf, JSON, in-process) carries. Engines return Java types Avatica cannot send
 * (DuckDB's {@code BigInteger} for HUGEINT and {@code sum()}, {@code UUID}, {@code Blob}, maps, structs,
 * {@code OffsetDateTime}), and some flag integer columns unsigned, which Avatica's client then reads with
 * the wrong accessor. Here each column is given one of a few representations, chosen once from the
 * metadata:
 * <ul>
 *   <li>booleans, integers, floating point, decimals and binary as themselves (numbers always signed; an
 *       integer column holding {@code BigInteger} values becomes a {@code DECIMAL} of scale 0);</li>
 *   <li>DATE, TIME and TIMESTAMP as Avatica's own numbers (days, milliseconds), as its JDBC server does;</li>
 *   <li>TIMESTAMP WITH TIME ZONE as the instant, in a TIMESTAMP column (as PostgreSQL's driver reports it);</li>
 *   <li>everything else (UUID, INTERVAL, ENUM, JSON, lists, maps, structs, unions, a TIME WITH TIME ZONE) as
 *       its text, in a VARCHAR column that keeps the engine's type name.</li>
 * </ul>
 */
final class JdbcResults {
  private JdbcResults() {}

  /** How one column's values are read and sent. */
  enum Kind {
    BOOLEAN(Types.BOOLEAN, Boolean.class, 1, 5),
    TINYINT(Types.TINYINT, Byte.class, 3, 4),
    SMALLINT(Types.SMALLINT, Short.class, 5, 6),
    INTEGER(Types.INTEGER, Integer.class, 10, 11),
    BIGINT(Types.BIGINT, Long.class, 19, 20),
    REAL(Types.REAL, Float.class, 7, 15),
    DOUBLE(Types.DOUBLE, Double.class, 15, 24),
    DECIMAL(Types.DECIMAL, BigDecimal.class, 38, 40),
    BIG_INTEGER(Types.DECIMAL, BigDecimal.class, 39, 40),
    VARCHAR(Types.VARCHAR, String.class, 0, 64),
    BINARY(Types.VARBINARY, byte[].class, 0, 64),
    DATE(Types.DATE, java.sql.Date.class, 10, 10),
    TIME(Types.TIME, Time.class, 3, 12),
    TIMESTAMP(Types.TIMESTAMP, Timestamp.class, 3, 23),
    /**
     * A TIMESTAMP WITH TIME ZONE, as the instant it names: a TIMESTAMP keeping the engine's type name, as
     * PostgreSQL's own driver reports it (Avatica's client cannot read a TIMESTAMP_WITH_TIMEZONE column).
     */
    ZONED(Types.TIMESTAMP, Timestamp.class, 3, 23),
    /** Any other type, as its text: the engine's type name is kept. */
    TEXT(Types.VARCHAR, String.class, 0, 64);

    final int jdbcType;
    final Class<?> javaClass;
    final int defaultPrecision;
    final int defaultDisplaySize;

    Kind(int jdbcType, Class<?> javaClass, int defaultPrecision, int defaultDisplaySize) {
      this.jdbcType = jdbcType;
      this.javaClass = javaClass;
      this.defaultPrecision = defaultPrecision;
      this.defaultDisplaySize = defaultDisplaySize;
    }

    ColumnMetaData.Rep rep() {
      return switch (this) {
        case DATE -> ColumnMetaData.Rep.of(SqlType.DATE.internal);
        case TIME -> ColumnMetaData.Rep.of(SqlType.TIME.internal);
        case TIMESTAMP, ZONED -> ColumnMetaData.Rep.of(SqlType.TIMESTAMP.internal);
        case BINARY -> ColumnMetaData.Rep.of(SqlType.VARBINARY.internal);
        case VARCHAR, TEXT -> ColumnMetaData.Rep.STRING;
        case DECIMAL, BIG_INTEGER -> ColumnMetaData.Rep.NUMBER;
        default -> ColumnMetaData.Rep.of(javaClass);
      };
    }
  }

  /** Digits of fractional seconds in the TIME and TIMESTAMP values sent (milliseconds, as Avatica carries them). */
  static final int MILLISECOND_DIGITS = 3;

  /** The kind of column {@code i} (1-based), from the engine's metadata. */
  static Kind kind(ResultSetMetaData md, int i) throws SQLException {
    int type = md.getColumnType(i);
    String className = md.getColumnClassName(i);
    if (BigInteger.class.getName().equals(className)) {
      return Kind.BIG_INTEGER;
    }
    if (type == Types.FLOAT && Float.class.getName().equals(className)) {
      return Kind.REAL; // DuckDB's 4-byte FLOAT, which its driver types as JDBC's (8-byte) FLOAT
    }
    return switch (type) {
      case Types.BOOLEAN, Types.BIT -> Kind.BOOLEAN;
      case Types.TINYINT -> Kind.TINYINT;
      case Types.SMALLINT -> Kind.SMALLINT;
      case Types.INTEGER -> Kind.INTEGER;
      case Types.BIGINT -> Kind.BIGINT;
      case Types.REAL -> Kind.REAL;
      case Types.FLOAT, Types.DOUBLE -> Kind.DOUBLE;
      case Types.DECIMAL, Types.NUMERIC -> Kind.DECIMAL;
      case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
          Types.CLOB, Types.NCLOB -> Kind.VARCHAR;
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> Kind.BINARY;
      case Types.DATE -> Kind.DATE;
      case Types.TIME -> Kind.TIME;
      case Types.TIMESTAMP -> Kind.TIMESTAMP;
      case Types.TIMESTAMP_WITH_TIMEZONE -> Kind.ZONED;
      default -> Kind.TEXT;
    };
  }

  /** The kinds of every column of {@code md}. */
  static Kind[] kinds(ResultSetMetaData md) throws SQLException {
    Kind[] kinds = new Kind[md == null ? 0 : md.getColumnCount()];
    for (int i = 0; i < kinds.length; i++) {
      kinds[i] = kind(md, i + 1);
    }
    return kinds;
  }

  /** Avatica's description of every column of {@code md}; none for a null metadata (a statement with no rows). */
  static List<ColumnMetaData> columns(ResultSetMetaData md) throws SQLException {
    return columns(md, List.of());
  }

  /**
   * As {@link #columns(ResultSetMetaData)}, a column Calcite left unnamed ({@code EXPR$n}) labelled
   * {@code labels[n]} when there is one (see {@link dev.envsweep.core.sys.ColumnLabels}).
   */
  static List<ColumnMetaData> columns(ResultSetMetaData md, List<String> labels) throws SQLException {
    List<ColumnMetaData> out = new ArrayList<>();
    if (md == null) {
      return out;
    }
    for (int i = 1; i <= md.getColumnCount(); i++) {
      Kind kind = kind(md, i);
      String typeName = typeName(md.getColumnTypeName(i), kind);
      int precision = switch (kind) {
        case BIG_INTEGER -> kind.defaultPrecision;
        case VARCHAR, TEXT, BINARY -> Math.max(0, md.getPrecision(i));
        // Avatica's client reads a time's precision as its digits of fractional seconds: milliseconds are sent.
        case TIME, TIMESTAMP, ZONED -> MILLISECOND_DIGITS;
        default -> positive(md.getPrecision(i), kind.defaultPrecision);
      };
      int scale = kind == Kind.DECIMAL ? Math.max(0, md.getScale(i)) : 0;
      int displaySize = displaySize(kind, md.getColumnDisplaySize(i), precision, scale);
      out.add(new ColumnMetaData(i - 1, md.isAutoIncrement(i), md.isCaseSensitive(i), md.isSearchable(i),
          md.isCurrency(i), md.isNullable(i), true, displaySize, label(md, i, labels),
          ColumnLabels.isDerived(md.getColumnLabel(i)) ? label(md, i, labels) : md.getColumnName(i),
          md.getSchemaName(i), precision, scale, md.getTableName(i), md.getCatalogName(i),
          ColumnMetaData.scalar(kind.jdbcType, typeName, kind.rep()), true, false, false,
          kind.javaClass.getName()));
    }
    return out;
  }

  private static String label(ResultSetMetaData md, int i, List<String> labels) throws SQLException {
    String label = md.getColumnLabel(i);
    return ColumnLabels.isDerived(label) && i <= labels.size() && labels.get(i - 1) != null
        ? labels.get(i - 1) : label;
  }

  /** A column of envsweep's own, e.g. a result column of its statements. */
  static ColumnMetaData column(int ordinal, String name, Kind kind, int displaySize, boolean nullable) {
    return new ColumnMetaData(ordinal, false, true, true, false,
        nullable ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls, true, displaySize, name,
        name, null, kind == Kind.VARCHAR ? 0 : kind.defaultPrecision, 0, null, null,
        ColumnMetaData.scalar(kind.jdbcType, kind == Kind.BIGINT ? "BIGINT" : kind == Kind.INTEGER ? "INTEGER"
            : kind == Kind.SMALLINT ? "SMALLINT" : kind == Kind.BOOLEAN ? "BOOLEAN" : "VARCHAR", kind.rep()),
        true, false, false, kind.javaClass.getName());
  }

  /** Engines describe some types with constraints ({@code VARCHAR NOT NULL}); a type name is the type alone. */
  private static String typeName(String engineName, Kind kind) {
    String name = engineName == null || engineName.isBlank() ? kind.name() : engineName.strip();
    if (name.toUpperCase(Locale.ROOT).endsWith(" NOT NULL")) {
      name = name.substring(0, name.length() - " NOT NULL".length()).strip();
    }
    return name;
  }

  private static int positive(int value, int otherwise) {
    return value > 0 ? value : otherwise;
  }

  /** Characters a console client needs for a value: what the engine says, else what the type implies. */
  private static int displaySize(Kind kind, int engine, int precision, int scale) {
    if (engine > 0 && engine < 1_000_000) {
      return engine;
    }
    return switch (kind) {
      case DECIMAL, BIG_INTEGER -> precision + (scale > 0 ? 2 : 1);
      case VARCHAR, TEXT, BINARY -> precision > 0 && precision < 256 ? precision : kind.defaultDisplaySize;
      default -> kind.defaultDisplaySize;
    };
  }

  /** Reads column {@code i} (1-based) of the current row as {@code kind} says; null stays null. */
  static Object value(ResultSet rs, int i, Kind kind, Calendar utc) throws SQLException {
    switch (kind) {
      case BOOLEAN: {
        boolean v = rs.getBoolean(i);
        return rs.wasNull() ? null : v;
      }
      case TINYINT: {
        byte v = rs.getByte(i);
        return rs.wasNull() ? null : v;
      }
      case SMALLINT: {
        short v = rs.getShort(i);
        return rs.wasNull() ? null : v;
      }
      case INTEGER: {
        int v = rs.getInt(i);
        return rs.wasNull() ? null : v;
      }
      case BIGINT: {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
      }
      case REAL: {
        float v = rs.getFloat(i);
        return rs.wasNull() ? null : v;
      }
      case DOUBLE: {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : v;
      }
      case DECIMAL:
        return rs.getBigDecimal(i);
      case BIG_INTEGER: {
        Object v = rs.getObject(i);
        return v == null ? null : v instanceof BigInteger b ? new BigDecimal(b) : new BigDecimal(v.toString());
      }
      case BINARY: {
        Object v = rs.getObject(i);
        if (v instanceof Blob blob) {
          try {
            return blob.getBytes(1, Math.toIntExact(blob.length()));
          } finally {
            freeQuietly(blob);
          }
        }
        return v == null ? null : v instanceof byte[] bytes ? bytes : rs.getBytes(i);
      }
      case DATE: {
        java.sql.Date v = rs.getDate(i, utc);
        return v == null ? null : (int) Math.floorDiv(v.getTime(), DateTimeUtils.MILLIS_PER_DAY);
      }
      case TIME: {
        Time v = rs.getTime(i, utc);
        return v == null ? null : (int) Math.floorMod(v.getTime(), DateTimeUtils.MILLIS_PER_DAY);
      }
      case TIMESTAMP: {
        Timestamp v = rs.getTimestamp(i, utc);
        return v == null ? null : v.getTime();
      }
      case ZONED: {
        Object v = rs.getObject(i);
        if (v instanceof java.time.OffsetDateTime t) {
          return t.toInstant().toEpochMilli();
        }
        if (v instanceof java.time.Instant t) {
          return t.toEpochMilli();
        }
        Timestamp t = v == null ? null : rs.getTimestamp(i, utc);
        return t == null ? null : t.getTime();
      }
      default:
        return text(rs, i);
    }
  }

  /** A value as text: the engine's own rendering where it gives one, else the value's. */
  private static Object text(ResultSet rs, int i) throws SQLException {
    Object v = rs.getObject(i);
    if (v == null) {
      return null;
    }
    if (v instanceof byte[] bytes) {
      return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
    if (v instanceof Object[] array) {
      return Arrays.deepToString(array);
    }
    String s = rs.getString(i);
    return s != null ? s : v.toString();
  }

  private static void freeQuietly(Blob blob) {
    try {
      blob.free();
    } catch (SQLException | UnsupportedOperationException ignored) {
      // the bytes are read; a driver that cannot free keeps the blob until the result set closes
    }
  }

  /** The current row of {@code rs}, every column read as its kind says. */
  static List<Object> row(ResultSet rs, Kind[] kinds, Calendar utc) throws SQLException {
    Object[] row = new Object[kinds.length];
    for (int i = 0; i < kinds.length; i++) {
      row[i] = value(rs, i + 1, kinds[i], utc);
    }
    return Arrays.asList(row);
  }
}
