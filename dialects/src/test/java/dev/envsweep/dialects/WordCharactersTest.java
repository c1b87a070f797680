package dev.envsweep.dialects;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Python's \w, which Java's regex classes do not reproduce. */
class WordCharactersTest {

  @Test
  void matchesPythonUnicodeWordCharacters() {
    assertThat(WordCharacters.isWord('a')).isTrue();
    assertThat(WordCharacters.isWord('_')).isTrue();
    assertThat(WordCharacters.isWord('7')).isTrue();
    assertThat(WordCharacters.isWord('Ä')).isTrue();
    assertThat(WordCharacters.isWord('Ⅻ')).isTrue(); // Nl: Python keeps it, Java's \w does not
    assertThat(WordCharacters.isWord('²')).isTrue(); // No
    assertThat(WordCharacters.isWord('\u0301')).isFalse(); // combining mark: Java's \w keeps it
    assertThat(WordCharacters.isWord('-')).isFalse();
    assertThat(WordCharacters.isWord(' ')).isFalse();
    assertThat(WordCharacters.isWord(0x1F600)).isFalse(); // emoji
  }

  @Test
  void bareIdentifiersStartWithAnAsciiLetterOrUnderscore() {
    assertThat(WordCharacters.isSafeBareIdentifier("sqlmesh_example")).isTrue();
    assertThat(WordCharacters.isSafeBareIdentifier("1dev")).isFalse();
    assertThat(WordCharacters.isSafeBareIdentifier("a-b")).isFalse();
    assertThat(WordCharacters.isSafeBareIdentifier("")).isFalse();
    assertThat(WordCharacters.isWords("1dev")).isTrue();
  }
}
