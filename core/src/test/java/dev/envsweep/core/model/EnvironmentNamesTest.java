package dev.envsweep.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reference 3.1: the observed outputs of SQLMesh's sanitiser. */
class EnvironmentNamesTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Feature/ABC-1|feature_abc_1",
      "12foo!#%@|12foo____",
      "-test_|_test_",
      "Dev Env!|dev_env_",
      "ÄBC|äbc",
      "prod|prod",
  })
  void sanitisesAsSqlmesh(String in, String out) {
    assertThat(EnvironmentNames.sanitise(in)).isEqualTo(out);
  }
}
