package dev.envsweep.core.model;

import dev.envsweep.dialects.WordCharacters;
import java.util.Locale;

/**
 * Environment names as SQLMesh stores them: {@code re.sub(r"\W", "_", name).lower()}, with
 * Python's Unicode {@code \W}. So {@code Feature/ABC-1} is {@code feature_abc_1}, and {@code feature-x} and
 * {@code feature_x} are the same environment.
 */
public final class EnvironmentNames {
  private EnvironmentNames() {}

  /** The production environment: never invalidated or cleaned by envsweep. */
  public static final String PROD = "prod";

  public static String sanitise(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    name.codePoints().forEach(cp -> {
      if (WordCharacters.isWord(cp)) {
        sb.appendCodePoint(cp);
      } else {
        sb.append('_');
      }
    });
    return sb.toString().toLowerCase(Locale.ROOT);
  }
}
