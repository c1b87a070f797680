package dev.envsweep.dialects;

/**
 * Python's {@code \w} on {@code str}, which SQLMesh and SQLGlot use for sanitising environment names and for
 * deciding whether an identifier needs quotes. It is code-point based and keeps a code point iff it is
 * {@code _} or {@code str.isalnum()}: general categories L*, Nd, Nl, No. Java's {@code \w}, even with
 * {@code UNICODE_CHARACTER_CLASS}, differs (it keeps combining marks and drops Nl/No), so it is spelled out here.
 */
public final class WordCharacters {
  private WordCharacters() {}

  /** Whether Python's {@code \w} matches this code point. */
  public static boolean isWord(int codePoint) {
    if (codePoint == '_') {
      return true;
    }
    return switch (Character.getType(codePoint)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
      default -> false;
    };
  }

  /** {@code ^\w+$}: a string SQLGlot tokenises as one bare identifier. */
  public static boolean isWords(String s) {
    return !s.isEmpty() && s.codePoints().allMatch(WordCharacters::isWord);
  }

  /**
   * {@code ^[_a-zA-Z]\w*$}: an identifier SQLGlot prints without quotes in {@code exp.table_name}
   * (reference 4.1).
   */
  public static boolean isSafeBareIdentifier(String s) {
    if (s.isEmpty()) {
      return false;
    }
    char first = s.charAt(0);
    boolean asciiStart = first == '_' || (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z');
    return asciiStart && isWords(s);
  }
}
