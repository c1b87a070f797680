package dev.envsweep.core.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;

/** The default gateway's metadata, introduced as envsweep's. */
final class EnvsweepDatabaseMetaData extends ForwardingDatabaseMetaData {
  private final EnvsweepConnection connection;
  private final DatabaseMetaData target;

  EnvsweepDatabaseMetaData(EnvsweepConnection connection, DatabaseMetaData target) {
    this.connection = connection;
    this.target = target;
  }

  @Override
  protected DatabaseMetaData delegate() {
    return target;
  }

  @Override
  public Connection getConnection() {
    return connection;
  }

  @Override
  public String getURL() {
    return connection.url();
  }

  @Override
  public String getDriverName() {
    return "envsweep";
  }

  @Override
  public String getDriverVersion() {
    return "0.1";
  }

  @Override
  public int getDriverMajorVersion() {
    return 0;
  }

  @Override
  public int getDriverMinorVersion() {
    return 1;
  }
}
