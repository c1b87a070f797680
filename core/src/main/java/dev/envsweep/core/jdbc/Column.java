package dev.envsweep.core.jdbc;

import java.sql.Types;

/**
 * One column of envsweep's own result sets: name, JDBC type, type name, Java class, and the display width a
 * console client such as sqlline should give it (an unbounded VARCHAR's 65536 would push every other column
 * off the screen).
 */
public record Column(String name, int jdbcType, String typeName, Class<?> javaClass, int displaySize) {

  public static Column varchar(String name, int displaySize) {
    return new Column(name, Types.VARCHAR, "VARCHAR", String.class, displaySize);
  }

  public static Column bigint(String name) {
    return new Column(name, Types.BIGINT, "BIGINT", Long.class, 20);
  }
}
