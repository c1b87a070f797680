package dev.envsweep.core.sys;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.TimeZone;

/**
 * PostgreSQL functions people type in {@code sys} queries that Calcite's PostgreSQL library lacks, registered
 * as functions of the root schema: {@code now()} and {@code date_trunc(unit, timestamp)}. (ILIKE, to_char,
 * date_part, string_agg and the like come from that library itself.)
 *
 * <p>Calcite hands a user function's TIMESTAMP over as a {@link Timestamp} shifted by the JVM's time zone and
 * shifts the one returned back, so values are converted to and from the zone-less instant around each call;
 * {@code sys} timestamps are UTC.
 */
public final class PgFunctions {
  private PgFunctions() {}

  /** A function argument PostgreSQL would refuse too: 22023. */
  public static final class InvalidArgument extends RuntimeException {
    InvalidArgument(String message) {
      super(message);
    }
  }

  /** {@code now()}: the current moment, as {@code CURRENT_TIMESTAMP} (UTC, millisecond precision). */
  public static Timestamp now() {
    return toCalcite(System.currentTimeMillis());
  }

  /**
   * {@code date_trunc('day', ts)}: {@code ts} truncated to the unit (microseconds, milliseconds, second,
   * minute, hour, day, week (Monday), month, quarter, year, decade, century, millennium); null for null.
   */
  public static Timestamp date_trunc(String unit, Timestamp ts) {
    if (unit == null || ts == null) {
      return null;
    }
    LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochMilli(fromCalcite(ts)), ZoneOffset.UTC);
    LocalDateTime out = switch (unit.strip().toLowerCase(Locale.ROOT)) {
      case "microseconds", "milliseconds" -> t;
      case "second" -> t.truncatedTo(ChronoUnit.SECONDS);
      case "minute" -> t.truncatedTo(ChronoUnit.MINUTES);
      case "hour" -> t.truncatedTo(ChronoUnit.HOURS);
      case "day" -> t.truncatedTo(ChronoUnit.DAYS);
      case "week" -> t.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case "month" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
      case "quarter" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1)
          .withMonth((t.getMonthValue() - 1) / 3 * 3 + 1);
      case "year" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
      case "decade" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1).withYear(Math.floorDiv(t.getYear(), 10) * 10);
      case "century" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1)
          .withYear(Math.floorDiv(t.getYear() - 1, 100) * 100 + 1);
      case "millennium" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1)
          .withYear(Math.floorDiv(t.getYear() - 1, 1000) * 1000 + 1);
      default -> throw new InvalidArgument("unit \"" + unit + "\" not recognized for date_trunc (use second, "
          + "minute, hour, day, week, month, quarter, year, decade, century or millennium)");
    };
    return toCalcite(out.toInstant(ZoneOffset.UTC).toEpochMilli());
  }

  private static Timestamp toCalcite(long utcMillis) {
    return new Timestamp(utcMillis - TimeZone.getDefault().getOffset(utcMillis));
  }

  private static long fromCalcite(Timestamp ts) {
    long shifted = ts.getTime();
    return shifted + TimeZone.getDefault().getOffset(shifted);
  }
}
