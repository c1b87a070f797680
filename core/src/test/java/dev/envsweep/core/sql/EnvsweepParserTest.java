package dev.envsweep.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.envsweep.core.lifecycle.Arguments;
import dev.envsweep.core.lifecycle.Values;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The grammar: each statement parses to its node, unparses, and parses back to an equal node. */
class EnvsweepParserTest {

  private static String unparse(SqlNode node) {
    return node.toSqlString(c -> c.withDialect(CalciteSqlDialect.DEFAULT).withAlwaysUseParentheses(false))
        .getSql().replaceAll("\\s+", " ");
  }

  /** A flag's value: the nodes hold the value node (a boolean literal, or ? in a CALL). */
  private static boolean flag(SqlNode value) throws SQLException {
    return Values.bool(value, List.of(), "flag");
  }

  /** parse -> unparse -> parse gives an equal tree and a stable text. */
  private static SqlNode roundTrip(String sql, String expectedUnparsed) throws SQLException {
    SqlNode node = EnvsweepParser.parse(sql);
    String text = unparse(node);
    assertThat(text).isEqualTo(expectedUnparsed);
    SqlNode again = EnvsweepParser.parse(text);
    assertThat(again.equalsDeep(node, org.apache.calcite.util.Litmus.THROW)).isTrue();
    assertThat(unparse(again)).isEqualTo(text);
    return node;
  }

  @Test
  void invalidate() throws SQLException {
    SqlInvalidateEnvironment n = (SqlInvalidateEnvironment)
        roundTrip("invalidate environment Dev_1", "INVALIDATE ENVIRONMENT \"Dev_1\"");
    assertThat(Values.name(n.name(), List.of())).isEqualTo("Dev_1");
    assertThat(flag(n.sync())).isFalse();
    assertThat(flag(n.warnOnFailure())).isFalse();
  }

  @Test
  void invalidateSyncWarnOnFailureWithAStringName() throws SQLException {
    SqlInvalidateEnvironment n = (SqlInvalidateEnvironment) roundTrip(
        "INVALIDATE ENVIRONMENT 'Feature/ABC-1' SYNC WARN ON FAILURE",
        "INVALIDATE ENVIRONMENT 'Feature/ABC-1' SYNC WARN ON FAILURE");
    assertThat(Values.name(n.name(), List.of())).isEqualTo("Feature/ABC-1");
    assertThat(flag(n.sync())).isTrue();
    assertThat(flag(n.warnOnFailure())).isTrue();
  }

  @Test
  void invalidateWithAParameter() throws SQLException {
    SqlInvalidateEnvironment n = (SqlInvalidateEnvironment)
        roundTrip("INVALIDATE ENVIRONMENT ? SYNC", "INVALIDATE ENVIRONMENT ? SYNC");
    assertThat(EnvsweepParser.countParameters(n)).isEqualTo(1);
    assertThat(Values.name(n.name(), List.of("dev"))).isEqualTo("dev");
  }

  @Test
  void force() throws SQLException {
    SqlCleanupExpiredEnvironments c = (SqlCleanupExpiredEnvironments) roundTrip(
        "cleanup expired environments warn on failure force", "CLEANUP EXPIRED ENVIRONMENTS WARN ON FAILURE FORCE");
    assertThat(flag(c.force())).isTrue();
    assertThat(flag(((SqlCleanupExpiredEnvironments) roundTrip("CLEANUP EXPIRED ENVIRONMENTS FORCE",
        "CLEANUP EXPIRED ENVIRONMENTS FORCE")).warnOnFailure())).isFalse();
    SqlInvalidateEnvironment i = (SqlInvalidateEnvironment) roundTrip("INVALIDATE ENVIRONMENT dev SYNC FORCE",
        "INVALIDATE ENVIRONMENT \"dev\" SYNC FORCE");
    assertThat(flag(i.force())).isTrue();
    assertThat(((SqlExplainLifecycle) roundTrip("EXPLAIN CLEANUP EXPIRED ENVIRONMENTS FORCE",
        "EXPLAIN CLEANUP EXPIRED ENVIRONMENTS FORCE")).explained()).isInstanceOf(SqlCleanupExpiredEnvironments.class);
    assertThatThrownBy(() -> EnvsweepParser.parse("INVALIDATE ENVIRONMENT dev FORCE"))
        .hasFieldOrPropertyWithValue("SQLState", "42601");
  }

  @Test
  void cleanup() throws SQLException {
    assertThat(flag(((SqlCleanupExpiredEnvironments) roundTrip("cleanup expired environments;",
        "CLEANUP EXPIRED ENVIRONMENTS")).warnOnFailure())).isFalse();
    assertThat(flag(((SqlCleanupExpiredEnvironments) roundTrip("CLEANUP EXPIRED ENVIRONMENTS WARN ON FAILURE",
        "CLEANUP EXPIRED ENVIRONMENTS WARN ON FAILURE")).warnOnFailure())).isTrue();
  }

  @Test
  void explainCleanup() throws SQLException {
    SqlExplainLifecycle n = (SqlExplainLifecycle) roundTrip("EXPLAIN CLEANUP EXPIRED ENVIRONMENTS WARN ON FAILURE",
        "EXPLAIN CLEANUP EXPIRED ENVIRONMENTS WARN ON FAILURE");
    assertThat(n.explained()).isInstanceOf(SqlCleanupExpiredEnvironments.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"old", "new", "user", "order", "all", "end", "value", "year", "NULL"})
  void reservedWordsAreEnvironmentNamesToo(String word) throws SQLException {
    SqlInvalidateEnvironment n = (SqlInvalidateEnvironment) EnvsweepParser.parse("INVALIDATE ENVIRONMENT " + word
        + " SYNC");
    assertThat(Values.name(n.name(), List.of())).isEqualTo(word);
    assertThat(flag(n.sync())).isTrue();
    // Unparsed (quoted, or as the keyword for niladic functions such as USER), it parses back to the same name.
    SqlInvalidateEnvironment again = (SqlInvalidateEnvironment) EnvsweepParser.parse(unparse(n));
    assertThat(Values.name(again.name(), List.of())).isEqualToIgnoringCase(word);
    assertThat(EnvsweepParser.parse("RESTORE ENVIRONMENT " + word)).isInstanceOf(SqlRestoreEnvironment.class);
    assertThat(EnvsweepParser.parse("ALTER ENVIRONMENT " + word + " SET EXPIRATION NONE"))
        .isInstanceOf(SqlAlterEnvironment.class);
  }

  @Test
  void restore() throws SQLException {
    SqlRestoreEnvironment n = (SqlRestoreEnvironment) roundTrip("restore environment pr_1",
        "RESTORE ENVIRONMENT \"pr_1\"");
    assertThat(Values.name(n.name(), List.of())).isEqualTo("pr_1");
    roundTrip("RESTORE ENVIRONMENT ?", "RESTORE ENVIRONMENT ?");
  }

  @Test
  void alterEachChange() throws SQLException {
    SqlAlterEnvironment ttl = (SqlAlterEnvironment) roundTrip("alter environment pr_1 set ttl 'in 2 weeks'",
        "ALTER ENVIRONMENT \"pr_1\" SET TTL 'in 2 weeks'");
    assertThat(ttl.change()).isEqualTo(SqlAlterEnvironment.Change.TTL);
    roundTrip("ALTER ENVIRONMENT pr_1 SET TTL INTERVAL '3' HOUR",
        "ALTER ENVIRONMENT \"pr_1\" SET TTL INTERVAL '3' HOUR");
    SqlAlterEnvironment none = (SqlAlterEnvironment) roundTrip("ALTER ENVIRONMENT 'Feature/X' SET EXPIRATION NONE",
        "ALTER ENVIRONMENT 'Feature/X' SET EXPIRATION NONE");
    assertThat(none.change()).isEqualTo(SqlAlterEnvironment.Change.NONE);
    SqlAlterEnvironment at = (SqlAlterEnvironment) roundTrip(
        "ALTER ENVIRONMENT ? SET EXPIRES AT TIMESTAMP '2099-01-02 03:04:05'",
        "ALTER ENVIRONMENT ? SET EXPIRES AT TIMESTAMP '2099-01-02 03:04:05'");
    assertThat(Values.instant(at.value(), List.of(), "EXPIRES AT"))
        .isEqualTo(java.time.Instant.parse("2099-01-02T03:04:05Z").toEpochMilli());
  }

  @Test
  void bulkInvalidateAndItsExplain() throws SQLException {
    SqlInvalidateEnvironments all = (SqlInvalidateEnvironments) roundTrip("invalidate environments like 'pr%'",
        "INVALIDATE ENVIRONMENTS LIKE 'pr%'");
    assertThat(all.olderThan()).isNull();
    SqlInvalidateEnvironments old = (SqlInvalidateEnvironments) roundTrip(
        "INVALIDATE ENVIRONMENTS LIKE ? OLDER THAN INTERVAL '7' DAY",
        "INVALIDATE ENVIRONMENTS LIKE ? OLDER THAN INTERVAL '7' DAY");
    assertThat(old.olderThan()).isNotNull();
    assertThat(((SqlExplainLifecycle) roundTrip("EXPLAIN INVALIDATE ENVIRONMENTS LIKE 'pr%' OLDER THAN '2 weeks'",
        "EXPLAIN INVALIDATE ENVIRONMENTS LIKE 'pr%' OLDER THAN '2 weeks'")).explained())
        .isInstanceOf(SqlInvalidateEnvironments.class);
    assertThat(((SqlExplainLifecycle) roundTrip("EXPLAIN INVALIDATE ENVIRONMENT dev SYNC",
        "EXPLAIN INVALIDATE ENVIRONMENT \"dev\" SYNC")).explained())
        .isInstanceOf(SqlInvalidateEnvironment.class);
    SqlInvalidateEnvironment forced = (SqlInvalidateEnvironment) ((SqlExplainLifecycle) roundTrip(
        "EXPLAIN INVALIDATE ENVIRONMENT dev SYNC WARN ON FAILURE FORCE",
        "EXPLAIN INVALIDATE ENVIRONMENT \"dev\" SYNC WARN ON FAILURE FORCE")).explained();
    assertThat(flag(forced.force())).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "RESTORE ENVIRONMENT|line 1, column 19",
      "ALTER ENVIRONMENT pr_1 SET|line 1, column 26",
      "ALTER ENVIRONMENT pr_1 SET EXPIRATION SOON|line 1, column 39",
      "INVALIDATE ENVIRONMENTS 'pr%'|line 1, column 25",
      "INVALIDATE ENVIRONMENTS LIKE 'pr%' OLDER '7 days'|line 1, column 42",
  })
  void newStatementsReportTheirSyntaxErrorPositions(String sql, String position) {
    assertThatThrownBy(() -> EnvsweepParser.parse(sql)).hasFieldOrPropertyWithValue("SQLState", "42601")
        .hasMessageContaining(position);
  }

  /** A CALL's arguments as the executor reads them: every parameter, given or defaulted. */
  private static Map<String, Object> bound(SqlInvalidateEnvironment n, List<Object> parameters) throws SQLException {
    Arguments args = new Arguments(n.call(), parameters);
    return Map.of("name", args.name(n.name(), "name"), "sync", args.flag(n.sync(), "sync"),
        "warn_on_failure", args.flag(n.warnOnFailure(), "warn_on_failure"), "force", args.flag(n.force(), "force"));
  }

  @Test
  void callPositional() throws SQLException {
    SqlInvalidateEnvironment n = (SqlInvalidateEnvironment) roundTrip("CALL sys.invalidate_environment('dev', true)",
        "CALL \"sys\".\"invalidate_environment\" ('dev', TRUE)");
    assertThat(bound(n, List.of()))
        .isEqualTo(Map.of("name", "dev", "sync", true, "warn_on_failure", false, "force", false));
  }

  @Test
  void callNamedInAnyOrderWithParameters() throws SQLException {
    SqlInvalidateEnvironment n = (SqlInvalidateEnvironment) roundTrip(
        "CALL sys.invalidate_environment(sync => ?, name => ?)",
        "CALL \"sys\".\"invalidate_environment\" (\"sync\" => ?, \"name\" => ?)");
    assertThat(EnvsweepParser.parameterTypes(n))
        .containsExactly(Procedures.Type.BOOLEAN, Procedures.Type.VARCHAR);
    assertThat(bound(n, List.of(true, "pr_7")))
        .isEqualTo(Map.of("name", "pr_7", "sync", true, "warn_on_failure", false, "force", false));
  }

  @Test
  void callCleanupWithNoArguments() throws SQLException {
    SqlCleanupExpiredEnvironments n = (SqlCleanupExpiredEnvironments) roundTrip(
        "call SYS.CLEANUP_EXPIRED_ENVIRONMENTS()", "CALL \"SYS\".\"CLEANUP_EXPIRED_ENVIRONMENTS\" ()");
    Arguments args = new Arguments(n.call(), List.of());
    assertThat(Map.of("warn_on_failure", args.flag(n.warnOnFailure(), "warn_on_failure"),
        "force", args.flag(n.force(), "force"))).isEqualTo(Map.of("warn_on_failure", false, "force", false));
  }

  @Test
  void selectsOverSystemTablesAreOrdinaryQueries() throws SQLException {
    assertThat(EnvsweepParser.parse("SELECT name, cleanup FROM sys.environments WHERE status = 'EXPIRED' "
        + "ORDER BY name")).isInstanceOf(org.apache.calcite.sql.SqlOrderBy.class);
    assertThat(EnvsweepParser.parse("select sync, environment from sys.cleanup_history"))
        .isInstanceOf(SqlSelect.class);
  }

  @Test
  void mixingPositionalAndNamedArgumentsIsASyntaxError() {
    assertThatThrownBy(() -> EnvsweepParser.parse("CALL sys.invalidate_environment('dev', sync => true)"))
        .isInstanceOf(SQLException.class)
        .hasFieldOrPropertyWithValue("SQLState", "42601")
        .hasMessage("cannot mix positional and named arguments in CALL sys.invalidate_environment at line 1, "
            + "column 40; pass all of them by position or all as name => value");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "CALL sys.nope()|42883|procedure sys.nope does not exist at line 1, column 6",
      "CALL sys.invalidate_environment()|22023|missing argument 'name' for sys.invalidate_environment(name VARCHAR",
      "CALL sys.invalidate_environment('a', true, true, true, true)|22023|too many arguments for sys.invalidate_environment",
      "CALL sys.invalidate_environment(nme => 'a')|22023|sys.invalidate_environment has no parameter named 'nme' at line 1, column 33",
      "CALL sys.invalidate_environment(name => 'a', name => 'b')|22023|argument 'name' of sys.invalidate_environment given twice at line 1, column 46",
  })
  void badCallsNameTheProblem(String sql, String state, String message) {
    assertThatThrownBy(() -> EnvsweepParser.parse(sql))
        .isInstanceOf(SQLException.class)
        .hasFieldOrPropertyWithValue("SQLState", state)
        .hasMessageContaining(message);
  }

  @Test
  void wrongArgumentTypesAreNamedWhenBound() throws SQLException {
    SqlInvalidateEnvironment n = (SqlInvalidateEnvironment) EnvsweepParser.parse(
        "CALL sys.invalidate_environment(42, 'x')");
    assertThatThrownBy(() -> bound(n, List.of()))
        .hasFieldOrPropertyWithValue("SQLState", "22023")
        .hasMessage("argument 'name' of sys.invalidate_environment must be a string, got 42 at line 1, column 33");
    SqlInvalidateEnvironment p = (SqlInvalidateEnvironment) EnvsweepParser.parse(
        "CALL sys.invalidate_environment('a', ?)");
    assertThatThrownBy(() -> bound(p, List.of(7)))
        .hasFieldOrPropertyWithValue("SQLState", "22023")
        .hasMessageContaining("argument 'sync' of sys.invalidate_environment must be a boolean, got Integer 7");
    assertThatThrownBy(() -> bound(p, List.of()))
        .hasMessage("no value bound for parameter 1 (argument 'sync' of sys.invalidate_environment)");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "INVALIDATE ENVIRONMENT|line 1, column 22|Was expecting one of",
      "INVALIDATE ENVIRONMENTS dev|line 1, column 25|\"LIKE\"",
      "CLEANUP EXPIRED|line 1, column 15|\"ENVIRONMENTS\"",
      "CLEANUP EXPIRED ENVIRONMENTS WARN|line 1, column 33|\"ON\"",
      "INVALIDATE ENVIRONMENT dev WARN ON FAILURE|line 1, column 28|",
      "INVALIDATE ENVIRONMENT dev SYNC; CLEANUP EXPIRED ENVIRONMENTS|line 1, column 34|",
  })
  void syntaxErrorsCarryLineColumnAndExpectation(String sql, String where, String expected) {
    assertThatThrownBy(() -> EnvsweepParser.parse(sql))
        .isInstanceOf(SQLException.class)
        .hasFieldOrPropertyWithValue("SQLState", "42601")
        .hasMessageContaining(where)
        .hasMessageContaining(expected == null ? "" : expected);
  }

  @Test
  void errorsOnLaterLinesGiveThatLine() {
    assertThatThrownBy(() -> EnvsweepParser.parse("CLEANUP\n  EXPIRED\n  ENVIRONMENT"))
        .hasFieldOrPropertyWithValue("SQLState", "42601")
        .hasMessageContaining("line 3, column 3")
        .hasMessageContaining("\"ENVIRONMENTS\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"INVALIDATE ENVIRONMENT \"we\"\"ird\"", "INVALIDATE ENVIRONMENT 'it''s'"})
  void quotesInNamesSurviveTheRoundTrip(String sql) throws SQLException {
    SqlInvalidateEnvironment n = (SqlInvalidateEnvironment) EnvsweepParser.parse(sql);
    SqlInvalidateEnvironment again = (SqlInvalidateEnvironment) EnvsweepParser.parse(unparse(n));
    assertThat(Values.name(again.name(), List.of())).isEqualTo(Values.name(n.name(), List.of()));
  }
}
