package dev.envsweep.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WarmUpTest {
  /** A renamed or misspelt class would make the warm-up silently do nothing: every root must exist. */
  @Test
  void everyClassTheWarmUpNamesIsOnTheClasspath() {
    for (String name : WarmUp.CLASSES) {
      assertThat(WarmUp.class.getClassLoader().getResource(name.replace('.', '/') + ".class")).as(name).isNotNull();
    }
  }
}
