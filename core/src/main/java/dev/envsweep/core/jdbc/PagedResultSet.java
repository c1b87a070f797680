package dev.envsweep.core.jdbc;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * A forward-only, read-only result set that pulls its rows a page at a time from a {@link Pages} source, so a
 * client reading a million rows never makes envsweep hold more than one page.
 */
class PagedResultSet extends UnsupportedResultSet {

  /** Where the rows come from; an empty page means the end. */
  interface Pages {
    List<Object[]> next() throws SQLException;
  }

  private final RowMetaData metaData;
  private final Pages pages;
  private final Statement statement;
  private Iterator<Object[]> page = java.util.Collections.emptyIterator();
  private Object[] current;
  private boolean exhausted;
  private boolean closed;
  private boolean wasNull;
  private int row;

  PagedResultSet(List<Column> columns, Pages pages, Statement statement) {
    this.metaData = new RowMetaData(columns);
    this.pages = pages;
    this.statement = statement;
  }

  @Override
  public boolean next() throws SQLException {
    checkOpen();
    while (!page.hasNext()) {
      if (exhausted) {
        current = null;
        return false;
      }
      List<Object[]> next = pages.next();
      if (next.isEmpty()) {
        exhausted = true;
      }
      page = next.iterator();
    }
    current = page.next();
    row++;
    return true;
  }

  private Object value(int column) throws SQLException {
    checkOpen();
    if (current == null) {
      throw new SQLException("no current row: call next() first", "24000");
    }
    if (column < 1 || column > current.length) {
      throw new SQLException("column index " + column + " is out of range 1.." + current.length, "22023");
    }
    Object v = current[column - 1];
    wasNull = v == null;
    return v;
  }

  private void checkOpen() throws SQLException {
    if (closed) {
      throw new SQLException("result set is closed", "24000");
    }
  }

  @Override
  public void close() {
    closed = true;
    current = null;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public boolean wasNull() {
    return wasNull;
  }

  @Override
  public int findColumn(String label) throws SQLException {
    List<Column> columns = metaData.columns();
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equalsIgnoreCase(label)) {
        return i + 1;
      }
    }
    throw new SQLException("no column named '" + label + "'; columns are " + columns.stream().map(Column::name)
        .toList(), "42703");
  }

  @Override
  public Object getObject(int column) throws SQLException {
    return value(column);
  }

  @Override
  public Object getObject(String label) throws SQLException {
    return getObject(findColumn(label));
  }

  @Override
  public <T> T getObject(int column, Class<T> type) throws SQLException {
    Object v = value(column);
    if (v == null) {
      return null;
    }
    if (type.isInstance(v)) {
      return type.cast(v);
    }
    if (type == String.class) {
      return type.cast(v.toString());
    }
    throw new SQLException("cannot read column " + column + " as " + type.getName(), "22023");
  }

  @Override
  public <T> T getObject(String label, Class<T> type) throws SQLException {
    return getObject(findColumn(label), type);
  }

  @Override
  public String getString(int column) throws SQLException {
    Object v = value(column);
    return v == null ? null : v.toString();
  }

  @Override
  public String getString(String label) throws SQLException {
    return getString(findColumn(label));
  }

  @Override
  public long getLong(int column) throws SQLException {
    Object v = value(column);
    if (v == null) {
      return 0;
    }
    if (v instanceof Number n) {
      return n.longValue();
    }
    try {
      return Long.parseLong(v.toString().trim());
    } catch (NumberFormatException e) {
      throw new SQLException("column " + column + " is not a number: " + v, "22018");
    }
  }

  @Override
  public long getLong(String label) throws SQLException {
    return getLong(findColumn(label));
  }

  @Override
  public int getInt(int column) throws SQLException {
    return Math.toIntExact(getLong(column));
  }

  @Override
  public int getInt(String label) throws SQLException {
    return getInt(findColumn(label));
  }

  @Override
  public short getShort(int column) throws SQLException {
    return (short) getLong(column);
  }

  @Override
  public short getShort(String label) throws SQLException {
    return getShort(findColumn(label));
  }

  @Override
  public byte getByte(int column) throws SQLException {
    return (byte) getLong(column);
  }

  @Override
  public byte getByte(String label) throws SQLException {
    return getByte(findColumn(label));
  }

  @Override
  public double getDouble(int column) throws SQLException {
    return getLong(column);
  }

  @Override
  public double getDouble(String label) throws SQLException {
    return getDouble(findColumn(label));
  }

  @Override
  public float getFloat(int column) throws SQLException {
    return getLong(column);
  }

  @Override
  public float getFloat(String label) throws SQLException {
    return getFloat(findColumn(label));
  }

  @Override
  public BigDecimal getBigDecimal(int column) throws SQLException {
    Object v = value(column);
    return v == null ? null : BigDecimal.valueOf(getLong(column));
  }

  @Override
  public BigDecimal getBigDecimal(String label) throws SQLException {
    return getBigDecimal(findColumn(label));
  }

  @Override
  public boolean getBoolean(int column) throws SQLException {
    Object v = value(column);
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Number n) {
      return n.longValue() != 0;
    }
    return v.toString().toLowerCase(Locale.ROOT).equals("true");
  }

  @Override
  public boolean getBoolean(String label) throws SQLException {
    return getBoolean(findColumn(label));
  }

  @Override
  public Timestamp getTimestamp(int column) throws SQLException {
    Object v = value(column);
    return v instanceof Timestamp t ? t : null;
  }

  @Override
  public Timestamp getTimestamp(int column, Calendar cal) throws SQLException {
    return getTimestamp(column);
  }

  @Override
  public Timestamp getTimestamp(String label) throws SQLException {
    return getTimestamp(findColumn(label));
  }

  @Override
  public ResultSetMetaData getMetaData() {
    return metaData;
  }

  @Override
  public Statement getStatement() {
    return statement;
  }

  @Override
  public int getType() {
    return ResultSet.TYPE_FORWARD_ONLY;
  }

  @Override
  public int getConcurrency() {
    return ResultSet.CONCUR_READ_ONLY;
  }

  @Override
  public int getHoldability() {
    return ResultSet.CLOSE_CURSORS_AT_COMMIT;
  }

  @Override
  public int getFetchDirection() {
    return ResultSet.FETCH_FORWARD;
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    if (direction != ResultSet.FETCH_FORWARD) {
      throw unsupported("setFetchDirection other than FETCH_FORWARD");
    }
  }

  @Override
  public int getFetchSize() {
    return 0;
  }

  @Override
  public void setFetchSize(int rows) {
    // Pages are sized by envsweep; the hint is accepted and ignored.
  }

  @Override
  public int getRow() {
    return current == null ? 0 : row;
  }

  @Override
  public boolean isBeforeFirst() {
    return row == 0 && !exhausted;
  }

  @Override
  public boolean isAfterLast() {
    return exhausted && current == null && row > 0;
  }

  @Override
  public boolean isFirst() {
    return row == 1 && current != null;
  }

  @Override
  public SQLWarning getWarnings() {
    return null;
  }

  @Override
  public void clearWarnings() {}

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("not a wrapper for " + iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
