package dev.envsweep.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Reference 2.4: stored names split as SQLGlot's exp.to_table does. */
class QualifiedNameTest {

  @Test
  void splitsLikeSqlglot() {
    assertThat(QualifiedName.parse("\"a\"")).isEqualTo(new QualifiedName(null, null, "a"));
    assertThat(QualifiedName.parse("\"s\".\"a\"")).isEqualTo(new QualifiedName(null, "s", "a"));
    assertThat(QualifiedName.parse("\"c\".\"s\".\"a\"")).isEqualTo(new QualifiedName("c", "s", "a"));
    assertThat(QualifiedName.parse("\"c\".\"s.x\".\"a\"\"b\"")).isEqualTo(new QualifiedName("c", "s.x", "a\"b"));
    assertThat(QualifiedName.parse("`c`.`s`.`a`")).isEqualTo(new QualifiedName("`c`", "`s`", "`a`"));
    assertThat(QualifiedName.parse("c.s.a")).isEqualTo(new QualifiedName("c", "s", "a"));
  }

  @Test
  void refusesWhatItCannotRead() {
    assertThatThrownBy(() -> QualifiedName.parse("\"a")).hasMessageContaining("unterminated quote");
    assertThatThrownBy(() -> QualifiedName.parse("a..b")).hasMessageContaining("empty part");
    assertThatThrownBy(() -> QualifiedName.parse("a.b.c.d")).hasMessageContaining("more than three parts");
  }
}
