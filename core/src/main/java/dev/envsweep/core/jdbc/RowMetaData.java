package dev.envsweep.core.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/** Metadata of envsweep's own result sets: fixed columns, all nullable, read-only. */
final class RowMetaData implements ResultSetMetaData {
  private final List<Column> columns;

  RowMetaData(List<Column> columns) {
    this.columns = List.copyOf(columns);
  }

  List<Column> columns() {
    return columns;
  }

  private Column column(int i) throws SQLException {
    if (i < 1 || i > columns.size()) {
      throw new SQLException("column index " + i + " is out of range 1.." + columns.size(), "22023");
    }
    return columns.get(i - 1);
  }

  @Override
  public int getColumnCount() {
    return columns.size();
  }

  @Override
  public boolean isAutoIncrement(int column) {
    return false;
  }

  @Override
  public boolean isCaseSensitive(int column) throws SQLException {
    return column(column).jdbcType() == Types.VARCHAR;
  }

  @Override
  public boolean isSearchable(int column) {
    return true;
  }

  @Override
  public boolean isCurrency(int column) {
    return false;
  }

  @Override
  public int isNullable(int column) {
    return columnNullable;
  }

  @Override
  public boolean isSigned(int column) throws SQLException {
    return column(column).jdbcType() == Types.BIGINT;
  }

  @Override
  public int getColumnDisplaySize(int column) throws SQLException {
    return column(column).displaySize();
  }

  @Override
  public String getColumnLabel(int column) throws SQLException {
    return column(column).name();
  }

  @Override
  public String getColumnName(int column) throws SQLException {
    return column(column).name();
  }

  @Override
  public String getSchemaName(int column) {
    return "";
  }

  @Override
  public int getPrecision(int column) throws SQLException {
    return switch (column(column).jdbcType()) {
      case Types.BIGINT -> 19;
      case Types.BOOLEAN -> 1;
      case Types.TIMESTAMP -> 23;
      default -> 65536;
    };
  }

  @Override
  public int getScale(int column) throws SQLException {
    return column(column).jdbcType() == Types.TIMESTAMP ? 3 : 0;
  }

  @Override
  public String getTableName(int column) {
    return "";
  }

  @Override
  public String getCatalogName(int column) {
    return "";
  }

  @Override
  public int getColumnType(int column) throws SQLException {
    return column(column).jdbcType();
  }

  @Override
  public String getColumnTypeName(int column) throws SQLException {
    return column(column).typeName();
  }

  @Override
  public boolean isReadOnly(int column) {
    return true;
  }

  @Override
  public boolean isWritable(int column) {
    return false;
  }

  @Override
  public boolean isDefinitelyWritable(int column) {
    return false;
  }

  @Override
  public String getColumnClassName(int column) throws SQLException {
    return column(column).javaClass().getName();
  }

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
