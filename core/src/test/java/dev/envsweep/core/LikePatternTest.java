package dev.envsweep.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LikePatternTest {

  @ParameterizedTest
  @CsvSource({
      "pr%, pr_1, true",
      "pr%, prod, true",
      "'pr\\_%', pr_1, true",
      "'pr\\_%', prod, false",
      "pr_, pr1, true",
      "pr_, pr12, false",
      "%, '', true",
      "PR%, pr_7, true",
      "'100\\%', 100%, true",
      "'100\\%', 1000, false",
      "a.b, a.b, true",
      "a.b, axb, false",
      "'(x)', '(x)', true",
  })
  void wildcardsEscapesAndCase(String pattern, String value, boolean matches) {
    assertThat(LikePattern.of(pattern).matches(value)).isEqualTo(matches);
  }
}
