package dev.envsweep.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code java [jvm options] -jar envsweep.jar serve --config F --port P}, as a user starts it. */
final class ServerProcess implements AutoCloseable {
  /**
   * The command line of an envsweep command: {@code java [options] -jar envsweep.jar args}, or the launcher beside
   * the jar ({@code server/target/envsweep}, which adds class-data sharing; its JVM options go in JAVA_OPTS).
   */
  static List<String> command(Path jar, List<String> jvmOptions, boolean launcher, String... args) {
    List<String> command = new ArrayList<>();
    if (launcher) {
      command.add(jar.toAbsolutePath().resolveSibling("envsweep").toString());
    } else {
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
    }
    command.addAll(List.of(args));
    return command;
  }

  final Process process;
  final int port;
  final long launchedNanos;
  private final StringBuffer output = new StringBuffer();

  ServerProcess(Path jar, Path config, Path dir, List<String> jvmOptions) throws Exception {
    this(jar, config, dir, jvmOptions, false);
  }

  /** {@code launcher}: started by the launcher beside the jar (class-data sharing) rather than java -jar. */
  ServerProcess(Path jar, Path config, Path dir, List<String> jvmOptions, boolean launcher) throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ProcessBuilder builder = new ProcessBuilder(command(jar, jvmOptions, launcher, "serve", "--config",
        config.toString(), "--port", String.valueOf(port))).directory(dir.toFile()).redirectErrorStream(true);
    if (launcher) {
      builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
      builder.environment().put("JAVA_OPTS", String.join(" ", jvmOptions));
    }
    launchedNanos = System.nanoTime();
    process = builder.start();
    Thread pump = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          output.append(line).append('\n');
        }
      } catch (java.io.IOException ignored) {
        // the process ended
      }
    });
    pump.setDaemon(true);
    pump.start();
  }

  String url() {
    return "jdbc:avatica:remote:url=http://127.0.0.1:" + port + ";serialization=protobuf";
  }

  /** Connects as soon as the server answers (a {@code SELECT 1}); the nanoseconds since launch are in [0]. */
  Connection awaitFirstAnswer(long[] sinceLaunch) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      // A plain TCP connect first: the Avatica driver logs a warning for every refused attempt.
      try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
        probe.setSoLinger(true, 0);
      } catch (java.io.IOException notYet) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("server did not start: " + output);
        }
        Thread.sleep(2);
        continue;
      }
      try {
        Connection c = DriverManager.getConnection(url());
        try (var s = c.createStatement(); var rs = s.executeQuery("SELECT 1")) {
          rs.next();
        }
        sinceLaunch[0] = System.nanoTime() - launchedNanos;
        return c;
      } catch (SQLException | RuntimeException e) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("server did not answer: " + output, e);
        }
        Thread.sleep(5);
      }
    }
  }

  String output() {
    return output.toString();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
