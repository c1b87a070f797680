package dev.envsweep.core;

import dev.envsweep.core.config.EnvsweepConfig;
import dev.envsweep.core.config.GatewayConfig;
import dev.envsweep.core.config.StateStoreConfig;
import dev.envsweep.core.config.Urls;
import dev.envsweep.core.execute.ConnectionPools;
import dev.envsweep.core.execute.Gateway;
import dev.envsweep.core.execute.Gateways;
import dev.envsweep.core.lifecycle.Lifecycle;
import dev.envsweep.core.lifecycle.StatementExecutor;
import dev.envsweep.core.model.EnvironmentNames;
import dev.envsweep.core.state.EnvsweepTables;
import dev.envsweep.core.state.StateStore;
import dev.envsweep.dialects.Dialect;
import dev.envsweep.dialects.Dialects;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * One running envsweep: configuration, gateway pools, state store and lifecycle, assembled once and shared by
 * every connection of a process. Closing it closes the pools.
 */
public final class Envsweep implements AutoCloseable {
  private final EnvsweepConfig config;
  private final Gateways gateways;
  private final StateStore state;
  private final EnvsweepTables tables;
  private final Lifecycle lifecycle;
  private final StatementExecutor executor;
  private final DataSource stateDataSource;
  private final String server;

  private Envsweep(EnvsweepConfig config, Gateways gateways, DataSource stateDataSource, StateStore state,
      EnvsweepTables tables, String server) {
    this.config = config;
    this.gateways = gateways;
    this.stateDataSource = stateDataSource;
    this.state = state;
    this.tables = tables;
    this.server = server;
    this.lifecycle = new Lifecycle(config, state, tables, gateways, server);
    this.executor = new StatementExecutor(lifecycle);
  }

  /** Opens pools and checks the state store; fails with a clear SQLException when it cannot be used. */
  public static Envsweep open(EnvsweepConfig config) throws SQLException {
    List<Gateway> list = new ArrayList<>();
    for (GatewayConfig g : config.gateways().values()) {
      Dialect dialect = dialect(g.dialect(), g.url(), "gateway '" + g.name() + "'");
      for (String option : g.options().keySet()) {
        if (!dialect.optionNames().contains(option)) {
          throw SqlStates.configuration("gateway '" + g.name() + "': option '" + option + "' is not one of "
              + dialect.name() + "'s options" + (dialect.optionNames().isEmpty() ? " (it has none)"
              : ": " + String.join(", ", new java.util.TreeSet<>(dialect.optionNames()))));
        }
      }
      list.add(new Gateway(g, dialect, ConnectionPools.create("envsweep-" + g.name(), g.url(), g.user(),
          g.password(), g.properties(), dialect, Math.max(8, 2 * Gateway.maxParallelDrops(g, dialect)),
          g.connectionTimeoutMs())));
    }
    Gateways gateways = new Gateways(list, config.defaultGateway());
    try {
      StateStoreConfig s = config.stateStore();
      Gateway defaultGateway = gateways.defaultGateway();
      DataSource stateDataSource;
      Dialect stateDialect;
      String stateUrl;
      // The state store always gets a pool of its own, even on the default gateway's database: a unit of work
      // holds a state connection (its transaction and row lock) while it takes warehouse connections.
      if (s.url() == null) {
        GatewayConfig g = defaultGateway.config();
        stateDialect = defaultGateway.dialect();
        stateUrl = g.url();
        stateDataSource = ConnectionPools.create("envsweep-state", g.url(), g.user(), g.password(),
            g.properties(), stateDialect, 10, g.connectionTimeoutMs());
      } else {
        stateDialect = dialect(s.dialect(), s.url(), "state_store");
        stateUrl = s.url();
        stateDataSource = ConnectionPools.create("envsweep-state", s.url(), s.user(), s.password(),
            s.properties(), stateDialect, 10, s.connectionTimeoutMs());
      }
      String safeUrl = Urls.withoutSecrets(stateUrl);
      StateStore state;
      EnvsweepTables tables;
      try {
        state = StateStore.open(stateDataSource, stateDialect, s, safeUrl);
        tables = EnvsweepTables.open(stateDataSource, stateDialect);
      } catch (SQLException | RuntimeException e) {
        ConnectionPools.close(stateDataSource);
        if (!(e instanceof SQLException sqlException)) {
          throw e;
        }
        if (sqlException.getSQLState() != null && !sqlException.getSQLState().startsWith("08")
            && stateDialect.driver().explainConnectionFailure(sqlException, stateUrl).isEmpty()) {
          throw sqlException;
        }
        throw SqlStates.unreachable("state store " + safeUrl + " is unreachable: "
            + SqlStates.withDriverReason(sqlException, stateDialect.driver().explainConnectionFailure(sqlException, stateUrl)
                .orElse(sqlException.getMessage())), sqlException);
      }
      return new Envsweep(config, gateways, stateDataSource, state, tables, serverId());
    } catch (SQLException | RuntimeException e) {
      gateways.close();
      throw e;
    }
  }

  private static Dialect dialect(String name, String url, String what) throws SQLException {
    try {
      if (name != null) {
        return Dialects.byName(name);
      }
      return Dialects.forUrl(url).orElseThrow(() -> new IllegalArgumentException("cannot tell the dialect of "
          + what + " from its URL " + Urls.withoutSecrets(url) + "; set 'dialect' to one of: " + Dialects.names()));
    } catch (IllegalArgumentException e) {
      throw SqlStates.configuration(e.getMessage());
    }
  }

  /** Host name and process id, recorded with every history row. */
  private static String serverId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "unknown-host";
    }
    return host + "/" + ManagementFactory.getRuntimeMXBean().getPid();
  }

  public EnvsweepConfig config() {
    return config;
  }

  public Gateways gateways() {
    return gateways;
  }

  public StateStore state() {
    return state;
  }

  public EnvsweepTables tables() {
    return tables;
  }

  public Lifecycle lifecycle() {
    return lifecycle;
  }

  /** Runs parsed envsweep statements on this instance's lifecycle. */
  public StatementExecutor executor() {
    return executor;
  }

  public String server() {
    return server;
  }

  /**
   * The environments as {@code sys.environments} counts them at {@code now} (the state store's clock,
   * {@code state().now()}), in two aggregate queries: {@code prod} and pinned environments are left out of the
   * totals and returned by name (their status is PROD or PINNED whatever their expiry).
   */
  public StateStore.EnvironmentCounts environmentCounts(long now) throws SQLException {
    java.util.Set<String> protectedNames = new java.util.LinkedHashSet<>();
    protectedNames.add(EnvironmentNames.PROD);
    protectedNames.addAll(config.pinnedEnvironments());
    return state.environmentCounts(now, protectedNames,
        name -> config.isProtected(EnvironmentNames.sanitise(name)));
  }

  @Override
  public void close() {
    gateways.close();
    if (stateDataSource != null) {
      ConnectionPools.close(stateDataSource);
    }
  }
}
