package dev.envsweep.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.util.StatusPrinter2;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * How envsweep logs, through Logback: to standard error, envsweep's own lines at info and the libraries'
 * (Jetty, Avatica, HikariCP, Calcite) only when something is wrong; as text, or as one JSON object per line for
 * log shippers; or entirely as a Logback configuration file says. Built in code rather than from a bundled
 * {@code logback.xml}: parsing XML at every start costs the CLI and the server tens of milliseconds.
 *
 * <p>The statement log ({@code dev.envsweep.statements}, a line per statement) is at info in {@code serve} and
 * at warn for the one-shot commands, whose own output already says what each statement did.
 */
public final class LogSetup {
  /** The logger of the line per statement. */
  public static final String STATEMENTS = "dev.envsweep.statements";

  private LogSetup() {}

  /** {@code --log-format}: one line of text per event, or one JSON object. */
  public enum Format {
    TEXT, JSON;

    public static Format parse(String text) {
      try {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--log-format must be text or json, got '" + text + "'");
      }
    }
  }

  /**
   * Configures logging afresh: from {@code file} (a Logback configuration, which then decides everything) or
   * else in {@code format}, with the statement log on when {@code statements}.
   */
  public static void configure(Format format, Path file, boolean statements) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    if (file != null) {
      if (!Files.isReadable(file)) {
        throw new IllegalArgumentException("cannot read the log configuration " + file);
      }
      context.reset();
      JoranConfigurator joran = new JoranConfigurator();
      joran.setContext(context);
      try {
        joran.doConfigure(file.toFile());
      } catch (JoranException e) {
        new StatusPrinter2().printInCaseOfErrorsOrWarnings(context);
        throw new IllegalArgumentException("the log configuration " + file + " is not valid: " + e.getMessage());
      }
      return;
    }
    context.reset();
    defaults(context, format, statements);
  }

  /**
   * Sets one logger's level, unless a Logback file of the user's ({@code -Dlogback.configurationFile}) decides
   * levels: a command's own choice never overrides the user's.
   */
  public static void setLevel(String logger, Level level) {
    if (System.getProperty("logback.configurationFile") != null
        || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    context.getLogger(logger).setLevel(level);
  }

  /** The configuration every command starts with (see {@link DefaultConfigurator}). */
  static void defaults(LoggerContext context, Format format, boolean statements) {
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("stderr");
    console.setTarget("System.err");
    console.setEncoder(encoder(context, format));
    console.start();
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(console);
    context.getLogger("dev.envsweep").setLevel(Level.INFO);
    context.getLogger(STATEMENTS).setLevel(statements ? Level.INFO : Level.WARN);
  }

  private static Encoder<ILoggingEvent> encoder(LoggerContext context, Format format) {
    if (format == Format.JSON) {
      JsonEncoder json = new JsonEncoder();
      json.setContext(context);
      // The line as text reads, plus its fields; not the message's template and arguments, nor Logback's own
      // context, which say nothing a reader of envsweep's log needs.
      json.setWithFormattedMessage(true);
      json.setWithMessage(false);
      json.setWithArguments(false);
      json.setWithContext(false);
      json.setWithNanoseconds(false);
      json.start();
      return json;
    }
    TextLayout layout = new TextLayout();
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> text = new LayoutWrappingEncoder<>();
    text.setContext(context);
    text.setLayout(layout);
    text.start();
    return text;
  }
}
