package dev.envsweep.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The hand-written text line is, character for character, what Logback's pattern would have written. */
class TextLayoutTest {
  private final LoggerContext context = new LoggerContext();

  @Test
  void writesWhatThePatternWrites() {
    PatternLayout pattern = new PatternLayout();
    pattern.setContext(context);
    pattern.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0} - %msg%n");
    pattern.start();
    TextLayout text = new TextLayout();
    text.setContext(context);
    text.start();

    Exception cause = new SQLException("connection refused", "08001");
    for (LoggingEvent event : new LoggingEvent[] {
        event("dev.envsweep.statements", Level.INFO, "CLEANUP EXPIRED ENVIRONMENTS by {}: {} environment(s)",
            null, "127.0.0.1:39298", 2),
        event("dev.envsweep.lifecycle.Janitor", Level.WARN, "janitor: round failed",
            new IllegalStateException("state store down", cause)),
        event("Root", Level.ERROR, "no dot in the name", null)}) {
      assertThat(text.doLayout(event)).isEqualTo(pattern.doLayout(event));
    }
  }

  private LoggingEvent event(String logger, Level level, String message, Throwable thrown, Object... args) {
    LoggingEvent event = new LoggingEvent(getClass().getName(), context.getLogger(logger), level, message, thrown,
        args);
    event.setTimeStamp(1_764_656_502_766L);
    return event;
  }
}
