package dev.envsweep.server.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class QueryTextTest {
  @Test
  void statementsSplitAtSemicolonsOutsideStringsIdentifiersCommentsAndDollarQuotes() {
    assertThat(QueryText.split("SELECT 1; SELECT ';' AS \"a;b\" -- c;d\n; /* e;f */ SELECT $$g;h$$, $x$i;j$x$;;  "))
        .containsExactly(new QueryText.Piece("SELECT 1", 0),
            new QueryText.Piece("SELECT ';' AS \"a;b\" -- c;d", 10),
            new QueryText.Piece("/* e;f */ SELECT $$g;h$$, $x$i;j$x$", 39));
    assertThat(QueryText.split(" ; -- only a comment\n")).isEmpty();
    assertThat(QueryText.split("SELECT 'it''s; fine'")).extracting(QueryText.Piece::sql)
        .containsExactly("SELECT 'it''s; fine'");
  }

  @Test
  void commandTagsAreThoseClientsRead() {
    assertThat(PgSession.tag("select 1", 1)).isEqualTo("SELECT 1");
    assertThat(PgSession.tag("WITH x AS (SELECT 1) SELECT * FROM x", 1)).isEqualTo("SELECT 1");
    assertThat(PgSession.tag("INSERT INTO t VALUES (1), (2)", 2)).isEqualTo("INSERT 0 2");
    assertThat(PgSession.tag("update t set i = 1", 3)).isEqualTo("UPDATE 3");
    assertThat(PgSession.tag("CLEANUP EXPIRED ENVIRONMENTS", 21)).isEqualTo("CLEANUP 21");
    assertThat(PgSession.tag("INVALIDATE ENVIRONMENT dev", 1)).isEqualTo("INVALIDATE 1");
    assertThat(PgSession.tag("create table t (i int)", 0)).isEqualTo("CREATE TABLE");
  }

  @Test
  void aSyntaxErrorsLineAndColumnBecomeTheCharacterPositionPsqlUnderlines() {
    SQLException e = new SQLException("Encountered \"x\" at line 2, column 3.", "42601");
    assertThat(PgSession.position(e, "SELECT\n  x")).isEqualTo(10);
    assertThat(PgSession.position(new SQLException("no position", "42704"), "SELECT 1")).isNull();
  }
}
