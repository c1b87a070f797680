package dev.envsweep.core.lifecycle;

import dev.envsweep.core.SqlStates;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time-to-live: months plus milliseconds, as SQLMesh's {@code environment_ttl} strings ({@code in 1 week},
 * {@code in 1 week 1 hour}, reference 3.3) or an SQL interval express it. SQLMesh measures a "categorical" TTL (no
 * hour, minute or second in it) from 00:00 UTC of the current day; envsweep does the same for those strings, so
 * {@code SET TTL 'in 1 week'} gives what a fresh {@code sqlmesh plan} would. An SQL interval counts from now.
 *
 * @param months whole months (and years, as twelve)
 * @param millis everything else
 * @param categorical measured from today's midnight UTC
 * @param text how it was written, for messages
 */
public record Ttl(long months, long millis, boolean categorical, String text) {

  private static final Pattern PART = Pattern.compile("(\\d+)\\s*([a-z]+)");

  /** {@code in N unit [N unit ...]}, units second(s) to year(s); also {@code N unit} without the {@code in}. */
  public static Ttl parse(String text) throws SQLException {
    String s = text.strip().toLowerCase(Locale.ROOT);
    if (s.startsWith("in ")) {
      s = s.substring(3).strip();
    }
    if (s.isEmpty()) {
      throw invalid(text);
    }
    Matcher m = PART.matcher(s);
    int at = 0;
    long months = 0;
    long millis = 0;
    boolean exact = false;
    while (m.find()) {
      if (!s.substring(at, m.start()).isBlank() && !s.substring(at, m.start()).strip().equals(",")
          && !s.substring(at, m.start()).strip().equals("and")) {
        throw invalid(text);
      }
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2);
      switch (unit.endsWith("s") && unit.length() > 1 ? unit.substring(0, unit.length() - 1) : unit) {
        case "second", "sec" -> {
          millis += n * 1_000;
          exact = true;
        }
        case "minute", "min" -> {
          millis += n * 60_000;
          exact = true;
        }
        case "hour" -> {
          millis += n * 3_600_000;
          exact = true;
        }
        case "day" -> millis += n * 86_400_000L;
        case "week" -> millis += n * 7 * 86_400_000L;
        case "month" -> months += n;
        case "year" -> months += 12 * n;
        default -> throw invalid(text);
      }
      at = m.end();
    }
    if (at == 0 || !s.substring(at).isBlank()) {
      throw invalid(text);
    }
    return new Ttl(months, millis, !exact, text);
  }

  /** An SQL interval: exact, from now. */
  public static Ttl ofInterval(long months, long millis, String text) {
    return new Ttl(months, millis, false, text);
  }

  /** When it ends, counted from {@code nowMs} (the state store's clock). */
  public long expiresAt(long nowMs) {
    ZonedDateTime base = Instant.ofEpochMilli(nowMs).atZone(ZoneOffset.UTC);
    if (categorical) {
      base = base.truncatedTo(ChronoUnit.DAYS);
    }
    return base.plusMonths(months).toInstant().toEpochMilli() + millis;
  }

  /** The moment this long before {@code nowMs}, exactly (an age, never rounded to midnight). */
  public long before(long nowMs) {
    return Instant.ofEpochMilli(nowMs).atZone(ZoneOffset.UTC).minusMonths(months).toInstant().toEpochMilli()
        - millis;
  }

  public boolean isPositive() {
    return months > 0 || millis > 0;
  }

  private static SQLException invalid(String text) {
    return SqlStates.invalidArgument("invalid TTL '" + SqlStates.shown(text) + "': write 'in N unit' with units "
        + "seconds, minutes, hours, days, weeks, months or years (e.g. 'in 2 weeks', 'in 1 week 1 hour'), or an "
        + "SQL interval such as INTERVAL '14' DAY");
  }
}
