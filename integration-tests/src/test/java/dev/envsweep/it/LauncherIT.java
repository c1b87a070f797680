package dev.envsweep.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server/target/envsweep}, the launcher: the jar's commands with class-data sharing, an archive per
 * command recorded by its first run and used by the next, and the same output and exit codes as java -jar.
 */
class LauncherIT {
  static final Path LAUNCHER = ServerProcess.JAR.resolveSibling("envsweep");

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  private Run launch(Map<String, String> env, String... args) throws Exception {
    ProcessBuilder b = new ProcessBuilder(concat(LAUNCHER.toString(), args)).directory(dir.toFile());
    b.environment().put("JAVA_HOME", System.getProperty("java.home"));
    b.environment().put("ENVSWEEP_CDS_DIR", dir.resolve("cds").toString());
    b.environment().putAll(env);
    b.redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
    Process p = b.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
  }

  private static List<String> concat(String first, String... rest) {
    List<String> out = new java.util.ArrayList<>(List.of(first));
    out.addAll(List.of(rest));
    return out;
  }

  @Test
  void theFirstRunRecordsAnArchiveTheSecondUsesItAndBothAnswerAlike() throws Exception {
    Files.createDirectories(dir.resolve("cds"));
    Run first = launch(Map.of(), "environments");
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(dir.resolve("cds/envsweep-environments.jsa")).isNotEmptyFile();
    try (var files = Files.list(dir.resolve("cds"))) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("envsweep-environments.jsa");
    }
    Run second = launch(Map.of("JAVA_OPTS", "-Xlog:class+load=info:file=" + dir.resolve("classes.log")),
        "environments");
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(second.out()).isEqualTo(first.out().replaceAll("in \\d+\\.\\d s", "in " + elapsed(second.out())));
    assertThat(second.err()).isEmpty();
    // The second run's classes come from the archive ("source: shared objects file (top)"), envsweep's included.
    assertThat(Files.readString(dir.resolve("classes.log")))
        .containsPattern("dev\\.envsweep\\.core\\.Envsweep source: shared objects file");
  }

  @Test
  void errorsAndExitCodesAreTheJars() throws Exception {
    Files.createDirectories(dir.resolve("cds"));
    Run bad = launch(Map.of(), "invalidate");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("envsweep:");
    Run off = launch(Map.of("ENVSWEEP_CDS", "off"), "--version");
    assertThat(off.code()).isZero();
    assertThat(off.out()).startsWith("envsweep");
    assertThat(dir.resolve("cds/envsweep---version.jsa")).doesNotExist();
  }

  private static String elapsed(String out) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("in (\\d+\\.\\d) s").matcher(out);
    return m.find() ? m.group(1) + " s" : "";
  }
}
