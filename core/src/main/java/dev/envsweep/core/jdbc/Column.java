package dev.envsweep.core.jdbc;

import java.sql.Types;

/** One column of envsweep's own result sets: name, JDBC type, type name and Java class. */
public record Column(String name, int jdbcType, String typeName, Class<?> javaClass) {

  public static Column varchar(String name) {
    return new Column(name, Types.VARCHAR, "VARCHAR", String.class);
  }

  public static Column bigint(String name) {
    return new Column(name, Types.BIGINT, "BIGINT", Long.class);
  }

  public static Column bool(String name) {
    return new Column(name, Types.BOOLEAN, "BOOLEAN", Boolean.class);
  }
}
