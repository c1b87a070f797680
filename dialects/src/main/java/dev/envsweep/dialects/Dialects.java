package dev.envsweep.dialects;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The known engines. A new engine is one class added to {@link #ALL}. */
public final class Dialects {
  private Dialects() {}

  /** In URL-inference order: the more specific URL first (MotherDuck before DuckDB, Azure SQL before MSSQL). */
  private static final List<Dialect> ALL = List.of(new MotherDuckDialect(), new DuckDbDialect(),
      new PostgresDialect(), new RedshiftDialect(), new SnowflakeDialect(), new BigQueryDialect(),
      new DatabricksDialect(), new SparkDialect(), new TrinoDialect(), new AthenaDialect(), new MySqlDialect(),
      new AzureSqlDialect(), new MsSqlDialect(), new ClickHouseDialect());

  public static List<Dialect> all() {
    return ALL;
  }

  /** The dialect of that name, or an error listing the known names. */
  public static Dialect byName(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    return ALL.stream().filter(d -> d.name().equals(wanted)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "unknown dialect '" + name + "'; known dialects: " + names()));
  }

  /** The dialect whose JDBC URLs look like this one. */
  public static Optional<Dialect> forUrl(String jdbcUrl) {
    return ALL.stream().filter(d -> d.acceptsUrl(jdbcUrl)).findFirst();
  }

  public static String names() {
    return ALL.stream().map(Dialect::name).collect(Collectors.joining(", "));
  }
}
