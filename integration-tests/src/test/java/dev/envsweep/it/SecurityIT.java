package dev.envsweep.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A server with basic authentication (PBKDF2-hashed users file) and TLS, on every interface, reached with the
 * stock Avatica client: strangers and wrong passwords are refused, a read-only user may only query sys.*, and
 * no secret appears in the server's output, in results or in errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityIT {
  static final String ADMIN_PASSWORD = "Adm1n-s3cret-pw";
  static final String READER_PASSWORD = "R3ader-s3cret-pw";
  static final String KEYSTORE_PASSWORD = "keyst0re-s3cret";

  Path dir;
  ServerProcess server;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("envsweep-security-");
    String adminHash = hash(ADMIN_PASSWORD);
    String readerHash = hash(READER_PASSWORD);
    assertThat(adminHash).startsWith("pbkdf2-sha256$").doesNotContain(ADMIN_PASSWORD);
    Files.writeString(dir.resolve("users"), "# envsweep users\nalice: " + adminHash + ", admin\nbob: " + readerHash
        + ", readonly\n");
    keystore(dir.resolve("server.p12"), KEYSTORE_PASSWORD);
    ServerProcess.writeConfig(dir, """
        state_store:
          create: true
        gateways:
          local:
            url: jdbc:duckdb:%s
        server:
          host: 0.0.0.0
          authentication: basic
          users_file: %s
          tls:
            keystore: %s
            password: ${env:KS_PASSWORD}
        """.formatted(dir.resolve("wh.duckdb"), dir.resolve("users"), dir.resolve("server.p12")));
    server = ServerProcess.serve(dir, "protobuf", Map.of("KS_PASSWORD", KEYSTORE_PASSWORD), "--config",
        dir.resolve("envsweep.yaml").toString());
    try (Connection c = connect("alice", ADMIN_PASSWORD)) {
      Sql.exec(c, "INSERT INTO sqlmesh._environments (name, snapshots, start_at, plan_id, expiration_ts, "
          + "suffix_target) VALUES ('dev', '[]', 'x', 'p', 4000000000000, 'schema')");
    }
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
    String output = server.stdout() + server.stderr();
    assertThat(output).doesNotContain(ADMIN_PASSWORD, READER_PASSWORD, KEYSTORE_PASSWORD);
  }

  /** A PKCS12 keystore with a self-signed certificate for localhost and 127.0.0.1, made by the JDK's keytool. */
  static void keystore(Path file, String password) throws Exception {
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "envsweep", "-keyalg", "RSA", "-keysize", "2048", "-storetype", "PKCS12",
        "-keystore", file.toString(), "-storepass", password, "-keypass", password, "-dname", "CN=localhost",
        "-validity", "2", "-ext", "SAN=dns:localhost,ip:127.0.0.1").redirectErrorStream(true).start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
  }

  /** A users-file hash, as {@code envsweep hash-password} prints it. */
  static String hash(String password) throws Exception {
    Process p = new ProcessBuilder(ServerProcess.java(), "-jar", ServerProcess.JAR.toString(), "hash-password")
        .start();
    p.getOutputStream().write((password + "\n").getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  private String url() {
    return "jdbc:avatica:remote:url=https://127.0.0.1:" + server.port + ";serialization=protobuf;truststore="
        + dir.resolve("server.p12") + ";truststore_password=" + KEYSTORE_PASSWORD;
  }

  private Connection connect(String user, String password) throws SQLException {
    Properties info = new Properties();
    if (user != null) {
      info.setProperty("authentication", "BASIC");
      info.setProperty("avatica_user", user);
      info.setProperty("avatica_password", password);
    }
    return DriverManager.getConnection(url(), info);
  }

  @Test
  void strangersAndWrongPasswordsAreRefused() {
    assertThatThrownBy(() -> connect(null, null).createStatement().executeQuery("SELECT 1"))
        .hasMessageContaining("401");
    assertThatThrownBy(() -> connect("alice", "wrong").createStatement().executeQuery("SELECT 1"))
        .hasMessageContaining("401");
    assertThatThrownBy(() -> connect("mallory", ADMIN_PASSWORD).createStatement().executeQuery("SELECT 1"))
        .hasMessageContaining("401");
  }

  @Test
  void aReadOnlyUserMayOnlyQuerySystemTables() throws Exception {
    try (Connection c = connect("bob", READER_PASSWORD)) {
      assertThat(Sql.strings(c, "SELECT name FROM sys.environments")).containsExactly("dev");
      for (String sql : List.of("INVALIDATE ENVIRONMENT dev", "CLEANUP EXPIRED ENVIRONMENTS",
          "CALL sys.cleanup_expired_environments()", "CREATE TABLE t(x INT)", "DELETE FROM sqlmesh._environments")) {
        assertThatThrownBy(() -> Sql.rows(c, sql)).as(sql).isInstanceOfSatisfying(SQLException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo("42501");
          assertThat(e.getMessage()).contains("user 'bob' is read-only: only queries over sys.* are allowed")
              .doesNotContain(READER_PASSWORD);
        });
      }
      assertThatThrownBy(() -> c.prepareStatement("INVALIDATE ENVIRONMENT ?").executeQuery())
          .hasFieldOrPropertyWithValue("SQLState", "42501");
    }
    try (Connection c = connect("alice", ADMIN_PASSWORD)) {
      assertThat(Sql.strings(c, "SELECT expiration_ts FROM sqlmesh._environments")).containsExactly("4000000000000");
    }
  }

  @Test
  void anAdminMayDoEverythingAndNoSecretShowsUpAnywhere() throws Exception {
    try (Connection c = connect("alice", ADMIN_PASSWORD)) {
      Sql.exec(c, "INSERT INTO sqlmesh._environments (name, snapshots, start_at, plan_id, expiration_ts, "
          + "suffix_target) VALUES ('gone', '[]', 'x', 'p', 4000000000000, 'schema')");
      List<List<String>> rows = Sql.rows(c, "INVALIDATE ENVIRONMENT gone SYNC");
      assertThat(rows).extracting(r -> r.get(5)).containsExactly("INVALIDATED", "DELETED");
      String history = String.valueOf(Sql.rows(c, "SELECT * FROM sys.cleanup_history"));
      assertThat(history).doesNotContain(ADMIN_PASSWORD, READER_PASSWORD, KEYSTORE_PASSWORD);
      assertThatThrownBy(() -> Sql.rows(c, "INVALIDATE ENVIRONMENT nope")).satisfies(e ->
          assertThat(e.getMessage()).doesNotContain(ADMIN_PASSWORD).doesNotContain("\tat "));
    }
  }
}
