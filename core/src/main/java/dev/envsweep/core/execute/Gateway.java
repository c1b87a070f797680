package dev.envsweep.core.execute;

import dev.envsweep.core.SqlStates;
import dev.envsweep.core.config.GatewayConfig;
import dev.envsweep.dialects.Dialect;
import dev.envsweep.dialects.DialectContext;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** One configured warehouse: its name, engine, rendering context and connection pool. */
public final class Gateway implements AutoCloseable {
  private final GatewayConfig config;
  private final Dialect dialect;
  private final DialectContext context;
  private final DataSource dataSource;

  public Gateway(GatewayConfig config, Dialect dialect, DataSource dataSource) {
    this.config = config;
    this.dialect = dialect;
    this.dataSource = dataSource;
    Path catalogDir = config.catalogDir() != null ? config.catalogDir()
        : dialect.localDatabaseFile(config.url()).map(Path::getParent).orElse(null);
    this.context = new DialectContext(config.defaultCatalog(), catalogDir, config.options());
  }

  public String name() {
    return config.name();
  }

  public Dialect dialect() {
    return dialect;
  }

  public DialectContext context() {
    return context;
  }

  public GatewayConfig config() {
    return config;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** A connection, or 08001 saying which gateway could not be reached and why. */
  public Connection connection() throws SQLException {
    try {
      return dataSource.getConnection();
    } catch (SQLException e) {
      throw unreachable(e);
    }
  }

  SQLException unreachable(SQLException e) {
    String why = dialect.explainConnectionFailure(e, config.url()).orElse(e.getMessage());
    return SqlStates.unreachable("gateway '" + name() + "' (" + config.safeUrl() + ") is unreachable: " + why, e);
  }

  @Override
  public void close() {
    ConnectionPools.close(dataSource);
  }
}
