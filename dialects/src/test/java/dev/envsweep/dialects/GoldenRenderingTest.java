package dev.envsweep.dialects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every engine's golden file, one parameterised case per block. */
class GoldenRenderingTest {

  static Stream<Arguments> cases() {
    return Dialects.all().stream()
        .flatMap(d -> GoldenFile.read(d.name()).stream().map(c -> Arguments.of(d.name(), c)));
  }

  @org.junit.jupiter.api.Test
  void everyEngineHasAGoldenFile() {
    for (Dialect d : Dialects.all()) {
      assertThat(GoldenFile.read(d.name())).as(d.name()).hasSizeGreaterThanOrEqualTo(3);
    }
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void rendersExactlyTheGoldenStatements(String engine, GoldenFile.Case c) throws Exception {
    Dialect dialect = Dialects.byName(engine);
    DropObject object = c.object();
    DialectContext context = c.context();
    if (c.has("error")) {
      assertThatThrownBy(() -> dialect.renderDrop(object, DropMode.GUARDED, context))
          .isInstanceOf(UnsupportedDropException.class).hasMessage(c.one("error"));
      assertThatThrownBy(() -> dialect.renderDrop(object, DropMode.FORCE, context))
          .isInstanceOf(UnsupportedDropException.class).hasMessage(c.one("error"));
      return;
    }

    RenderedDrop guarded = dialect.renderDrop(object, DropMode.GUARDED, context, c.contents());
    RenderedDrop force = dialect.renderDrop(object, DropMode.FORCE, context, c.contents());

    assertThat(guarded.objectName()).isEqualTo(c.one("name"));
    assertThat(dialect.renderName(object, context)).isEqualTo(c.one("name"));
    assertThat(guarded.statements()).containsExactlyElementsOf(c.all("guarded"));
    assertThat(force.statements()).containsExactlyElementsOf(c.all("force"));
    if (c.has("precondition")) {
      assertThat(guarded.precondition().sql()).isEqualTo(c.one("precondition"));
      assertThat(guarded.precondition().leftBehind()).isEqualTo(c.one("left_behind"));
      assertThat(force.precondition()).isEqualTo(guarded.precondition());
    } else {
      assertThat(guarded.precondition()).isNull();
    }
    if (c.has("files")) {
      List<Path> expected = c.one("files").isEmpty() ? List.of()
          : Arrays.stream(c.one("files").split(" ")).map(Path::of).toList();
      assertThat(guarded.filesToDelete()).containsExactlyElementsOf(expected);
      assertThat(force.filesToDelete()).containsExactlyElementsOf(expected);
    }
  }
}
