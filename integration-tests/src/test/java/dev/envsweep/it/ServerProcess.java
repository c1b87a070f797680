package dev.envsweep.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code java -jar envsweep.jar ...} as its own process, as a user starts it. */
final class ServerProcess implements AutoCloseable {
  static final Path JAR = Path.of(System.getProperty("envsweep.jar", "../server/target/envsweep.jar"))
      .toAbsolutePath().normalize();

  private final Process process;
  private final StringBuffer out = new StringBuffer();
  private final StringBuffer err = new StringBuffer();
  final int port;
  final String serialization;

  private ServerProcess(Process process, int port, String serialization) {
    this.process = process;
    this.port = port;
    this.serialization = serialization;
  }

  /** Starts {@code serve} in {@code dir} with the extra arguments, and waits until it listens. */
  static ServerProcess serve(Path dir, String serialization, String... args) throws Exception {
    return serve(dir, serialization, java.util.Map.of(), args);
  }

  /** Likewise, with environment variables for the server (secrets the configuration reads with ${env:...}). */
  static ServerProcess serve(Path dir, String serialization, java.util.Map<String, String> env, String... args)
      throws Exception {
    return serveWithHeap(dir, serialization, env, "512m", args);
  }

  /** Likewise, with the server's largest heap ({@code -Xmx}). */
  static ServerProcess serveWithHeap(Path dir, String serialization, java.util.Map<String, String> env, String heap,
      String... args) throws Exception {
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(java(), "-Xmx" + heap, "-jar", JAR.toString(), "serve",
        "--port", String.valueOf(port), "--serialization", serialization));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().putAll(env);
    Process p = builder.start();
    ServerProcess server = new ServerProcess(p, port, serialization);
    CountDownLatch listening = new CountDownLatch(1);
    pump(p.getInputStream(), server.out, listening);
    pump(p.getErrorStream(), server.err, null);
    while (!listening.await(100, TimeUnit.MILLISECONDS)) {
      if (!p.isAlive()) {
        throw new IllegalStateException("server exited with " + p.exitValue() + ": " + server.err + server.out);
      }
    }
    return server;
  }

  /** Runs a CLI command to completion: exit code, stdout, stderr. */
  static Result run(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(java(), "-jar", JAR.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).start();
    StringBuffer o = new StringBuffer();
    StringBuffer e = new StringBuffer();
    Thread a = pump(p.getInputStream(), o, null);
    Thread b = pump(p.getErrorStream(), e, null);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("timed out: " + command);
    }
    a.join();
    b.join();
    return new Result(p.exitValue(), o.toString(), e.toString());
  }

  record Result(int exitCode, String out, String err) {}

  String url() {
    return "jdbc:avatica:remote:url=http://127.0.0.1:" + port + ";serialization=" + serialization;
  }

  /** A connection through the stock Avatica remote driver. */
  Connection connect() throws SQLException {
    return DriverManager.getConnection(url());
  }

  long pid() {
    return process.pid();
  }

  String stdout() {
    return out.toString();
  }

  String stderr() {
    return err.toString();
  }

  /** Stops the server the way a user does (SIGTERM), which releases its files. */
  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static Path writeConfig(Path dir, String yaml) throws IOException {
    Path file = dir.resolve("envsweep.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private static Thread pump(java.io.InputStream in, StringBuffer into, CountDownLatch listening) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          into.append(line).append('\n');
          if (listening != null && line.startsWith("listening on")) {
            listening.countDown();
          }
        }
      } catch (IOException ignored) {
        // the process ended
      }
    });
    t.setDaemon(true);
    t.start();
    return t;
  }
}
