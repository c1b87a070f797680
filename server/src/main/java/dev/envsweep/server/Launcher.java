package dev.envsweep.server;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How the user launched this program, for messages that tell them what to type next. */
final class Launcher {
  private Launcher() {}

  /**
   * {@code java -jar <this jar>}, the jar's path relative to the working directory when it is under it (as
   * {@code server/target/envsweep.jar} from the repository root), else absolute. Run from classes rather than
   * the fat jar (tests, an IDE), {@code java -jar envsweep.jar}.
   */
  static String command() {
    return "java -jar " + jarPath();
  }

  static String jarPath() {
    try {
      Path location = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!Files.isRegularFile(location) || !location.toString().endsWith(".jar")) {
        return "envsweep.jar";
      }
      Path cwd = Path.of("").toAbsolutePath();
      Path jar = location.toAbsolutePath().normalize();
      return jar.startsWith(cwd) ? cwd.relativize(jar).toString() : jar.toString();
    } catch (URISyntaxException | RuntimeException e) {
      return "envsweep.jar";
    }
  }
}
