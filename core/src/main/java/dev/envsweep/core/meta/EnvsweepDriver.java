package dev.envsweep.core.meta;

import dev.envsweep.core.Envsweep;
import dev.envsweep.core.SqlStates;
import dev.envsweep.core.config.ConfigException;
import dev.envsweep.core.config.ConfigLoader;
import dev.envsweep.dialects.NormalizationStrategy;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaSqlException;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Handler;
import org.apache.calcite.avatica.InternalProperty;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.HandlerImpl;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.UnregisteredDriver;

/**
 * {@code jdbc:envsweep:[config path]}: envsweep in-process, Avatica's own JDBC objects over {@link EnvsweepMeta},
 * as Calcite's driver is over its Meta. With no path, the configuration is {@code envsweep.yaml} in the working
 * directory, else the embedded DuckDB default. Connections to the same configuration share one runtime (pools,
 * state store) and one Meta, opened with the first connection and closed with the last, so an embedded DuckDB
 * file is released once no connection uses it.
 *
 * <p>What Avatica's protocol does not carry reaches the Meta directly here: {@code Statement.cancel()} stops the
 * running statement (Avatica's own statement only sets a flag, which the Meta watches while the statement
 * runs, and clears when it runs again, so a cancelled statement stays usable), {@code setQueryTimeout} and
 * {@code setMaxRows} apply to prepared statements too, and {@code Connection.getWarnings()} reports what
 * envsweep warns of (its statements committed at once under {@code autoCommit=false}).
 */
public final class EnvsweepDriver extends UnregisteredDriver {
  public static final String PREFIX = "jdbc:envsweep:";
  private static final String CONFIG = "envsweep.config";

  /** The connection property holding the Meta a connection runs on (Properties hold any object). */
  private static final String META = "envsweep.meta";
  /** The connection property holding who the connection is for, when another front end opens it. */
  private static final String CALLER = "envsweep.caller";
  private static final EnvsweepDriver INSTANCE = new EnvsweepDriver();

  static {
    INSTANCE.register();
  }

  /** The Meta of each configuration with open connections, and how many use it. */
  private final Map<String, Shared> open = new HashMap<>();

  private static final class Shared {
    final EnvsweepMeta meta;
    int connections;

    Shared(EnvsweepMeta meta) {
      this.meta = meta;
    }
  }

  @Override
  protected String getConnectStringPrefix() {
    return PREFIX;
  }

  @Override
  protected DriverVersion createDriverVersion() {
    return new DriverVersion("envsweep", "0.1.0", "envsweep", "0.1.0", false, 0, 1, 0, 1);
  }

  /**
   * Avatica's own factory, but for the connection, the plain statement and the result set, which are this
   * driver's.
   */
  @Override
  protected AvaticaFactory createFactory() {
    AvaticaFactory avatica = instantiateFactory(getFactoryClassName(JdbcVersion.current()));
    return (AvaticaFactory) Proxy.newProxyInstance(AvaticaFactory.class.getClassLoader(),
        new Class<?>[] {AvaticaFactory.class}, (proxy, method, args) -> {
          if (method.getName().equals("newConnection")) {
            return new InProcessConnection((UnregisteredDriver) args[0], (AvaticaFactory) args[1],
                (String) args[2], (Properties) args[3]);
          }
          if (method.getName().equals("newResultSet")) {
            AvaticaStatement statement = (AvaticaStatement) args[0];
            Meta.Signature signature = (Meta.Signature) args[2];
            return new InProcessResultSet(statement, (org.apache.calcite.avatica.QueryState) args[1], signature,
                avatica.newResultSetMetaData(statement, signature), (java.util.TimeZone) args[3],
                (Meta.Frame) args[4]);
          }
          if (method.getName().equals("newStatement")) {
            return new InProcessStatement((AvaticaConnection) args[0], (Meta.StatementHandle) args[1],
                (Integer) args[2], (Integer) args[3], (Integer) args[4]);
          }
          try {
            return method.invoke(avatica, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Override
  protected Handler createHandler() {
    return new HandlerImpl() {
      @Override
      public void onConnectionClose(AvaticaConnection connection) {
        release(((InProcessConnection) connection).configPath());
      }
    };
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    String config = url.substring(PREFIX.length());
    EnvsweepMeta meta = acquire(config);
    try {
      Properties withConfig = new Properties();
      withConfig.putAll(info);
      withConfig.setProperty(CONFIG, config);
      return open(url, withConfig, meta, null);
    } catch (SQLException | RuntimeException e) {
      release(config);
      throw e;
    }
  }

  /**
   * A connection over a Meta that is already running (a server's), for another front end of it (the PostgreSQL
   * wire protocol's): the same statements, sessions and results as its other clients get. {@code caller}: who
   * it is for, as {@code sys.sessions} shows them. Closing it leaves the Meta running.
   */
  public static Connection connect(EnvsweepMeta meta, Caller caller) throws SQLException {
    return INSTANCE.open(PREFIX, new Properties(), meta, caller);
  }

  private Connection open(String url, Properties info, EnvsweepMeta meta, Caller caller) throws SQLException {
    info.put(META, meta);
    if (caller != null) {
      info.put(CALLER, caller);
    }
    InProcessConnection connection = (InProcessConnection) factory.newConnection(this, factory, url, info);
    handler.onConnectionInit(connection);
    connection.open();
    return connection;
  }

  @Override
  public Meta createMeta(AvaticaConnection connection) {
    return ((InProcessConnection) connection).envsweepMeta();
  }

  private EnvsweepMeta acquire(String config) throws SQLException {
    synchronized (open) {
      Shared shared = open.get(config);
      if (shared == null) {
        Envsweep envsweep;
        try {
          envsweep = Envsweep.open(new ConfigLoader().load(config.isBlank() ? null : Path.of(config)));
        } catch (ConfigException e) {
          throw SqlStates.configuration(e.getMessage());
        }
        shared = new Shared(new EnvsweepMeta(envsweep, null));
        open.put(config, shared);
      }
      shared.connections++;
      return shared.meta;
    }
  }

  private void release(String config) {
    if (config == null) {
      return; // a connection over another front end's Meta
    }
    synchronized (open) {
      Shared shared = open.get(config);
      if (shared != null && --shared.connections <= 0) {
        open.remove(config);
        shared.meta.close();
        shared.meta.envsweep().close();
      }
    }
  }

  /**
   * A connection of this driver: Avatica's, telling the Meta what its statements know, and reporting failures
   * of commit and rollback as SQLExceptions (Avatica's connection lets them through as they are).
   */
  static final class InProcessConnection extends AvaticaConnection implements InProcessClient {
    InProcessConnection(UnregisteredDriver driver, AvaticaFactory factory, String url, Properties info) {
      super(driver, factory, url, info);
    }

    String configPath() {
      return info.getProperty(CONFIG);
    }

    /**
     * {@code unwrap(Envsweep.class)}: the running envsweep under an in-process connection, for a caller in the
     * same process that wants a figure straight from the state store rather than through a {@code sys} query.
     */
    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      return iface == Envsweep.class ? iface.cast(envsweepMeta().envsweep()) : super.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
      return iface == Envsweep.class || super.isWrapperFor(iface);
    }

    /** Read from the properties, so that it is known while Avatica's constructor asks for it. */
    private EnvsweepMeta envsweepMeta() {
      return (EnvsweepMeta) info.get(META);
    }

    /**
     * Opens the session, and says in this connection's {@code DatabaseMetaData} how the default gateway folds
     * and compares identifiers (Avatica's client would otherwise say upper case, and tools such as sqlline would
     * upper-case the names users type).
     */
    void open() {
      NormalizationStrategy folding = envsweepMeta().envsweep().gateways().defaultGateway().dialect()
          .normalizationStrategy();
      properties.put(InternalProperty.UNQUOTED_CASING, switch (folding) {
        case LOWERCASE -> Casing.TO_LOWER;
        case UPPERCASE -> Casing.TO_UPPER;
        default -> Casing.UNCHANGED;
      });
      properties.put(InternalProperty.QUOTED_CASING, Casing.UNCHANGED);
      properties.put(InternalProperty.CASE_SENSITIVE, folding != NormalizationStrategy.CASE_INSENSITIVE);
      envsweepMeta().openInProcess(handle, this, (Caller) info.get(CALLER));
    }

    @Override
    public boolean cancelRequested(int statementId) {
      AvaticaStatement s = statementMap.get(statementId);
      try {
        return s != null && getCancelFlag(s.handle).get();
      } catch (org.apache.calcite.avatica.NoSuchStatementException e) {
        return false;
      }
    }

    @Override
    public boolean updateOnly(int statementId) {
      return statementMap.get(statementId) instanceof InProcessStatement s && s.updateOnly;
    }

    @Override
    public int queryTimeoutSeconds(int statementId) {
      AvaticaStatement s = statementMap.get(statementId);
      try {
        return s == null ? 0 : s.getQueryTimeout();
      } catch (SQLException e) {
        return 0;
      }
    }

    @Override
    public long maxRows(int statementId) {
      AvaticaStatement s = statementMap.get(statementId);
      try {
        return s == null ? 0 : s.getLargeMaxRows();
      } catch (SQLException e) {
        return 0;
      }
    }

    @Override
    public void resetCancel(int statementId) {
      AvaticaStatement s = statementMap.get(statementId);
      if (s != null) {
        try {
          getCancelFlag(s.handle).set(false);
        } catch (org.apache.calcite.avatica.NoSuchStatementException e) {
          // a statement being closed runs nothing more
        }
      }
    }

    @Override
    public void commit() throws SQLException {
      try {
        super.commit();
      } catch (RuntimeException e) {
        throw HELPER.createException(e.getMessage(), e);
      }
    }

    @Override
    public void rollback() throws SQLException {
      try {
        super.rollback();
      } catch (RuntimeException e) {
        throw HELPER.createException(e.getMessage(), e);
      }
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
      checkOpen();
      return envsweepMeta().warnings(handle, false);
    }

    @Override
    public void clearWarnings() throws SQLException {
      checkOpen();
      envsweepMeta().warnings(handle, true);
    }
  }

  /**
   * A plain statement of this driver: Avatica's, but {@code executeUpdate} tells the Meta that no rows may come
   * back (Avatica's protocol cannot say so, and would run a CLEANUP and drop its rows), and an error's message
   * quotes at most the start of a long statement (Avatica's quotes all of it).
   */
  static final class InProcessStatement extends AvaticaStatement {
    private static final String PREFIX = "Error while executing SQL \"";
    private static final int QUOTED = 200;
    volatile boolean updateOnly;

    InProcessStatement(AvaticaConnection connection, Meta.StatementHandle h, int resultSetType,
        int resultSetConcurrency, int resultSetHoldability) {
      super(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
      updateOnly = true;
      try {
        return super.executeLargeUpdate(sql);
      } finally {
        updateOnly = false;
      }
    }

    @Override
    protected void executeInternal(String sql) throws SQLException {
      try {
        super.executeInternal(sql);
      } catch (AvaticaSqlException e) {
        String quoted = PREFIX + sql + "\": ";
        if (sql.length() <= QUOTED || !e.getErrorMessage().startsWith(quoted)) {
          throw e;
        }
        throw new AvaticaSqlException(PREFIX + sql.substring(0, QUOTED) + "...\" (" + sql.length()
            + " characters): " + e.getErrorMessage().substring(quoted.length()), e.getSQLState(), e.getErrorCode(),
            e.getStackTraces(), e.getRemoteServer());
      }
    }
  }
}
