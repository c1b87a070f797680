package dev.envsweep.server.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration when nobody gave one: envsweep's defaults ({@link LogSetup}), as text, without the
 * statement log. Ranked after Logback's own file lookup, so {@code -Dlogback.configurationFile=...} or a
 * {@code logback.xml} on the class path still wins, and before its fallback (everything at debug).
 */
@ConfiguratorRank(ConfiguratorRank.NOMINAL - 5)
public final class DefaultConfigurator extends ContextAwareBase implements Configurator {
  @Override
  public ExecutionStatus configure(LoggerContext context) {
    LogSetup.defaults(context, LogSetup.Format.TEXT, false);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
