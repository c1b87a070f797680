package dev.envsweep.server;

import static dev.envsweep.server.Main.OK;
import static dev.envsweep.server.Main.fail;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "hash-password", mixinStandardHelpOptions = true, description = "Read a password from standard "
    + "input (or the console) and print its hash for server.users_file.")
final class HashPasswordCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    char[] password;
    java.io.Console console = System.console();
    if (console != null) {
      password = console.readPassword("password: ");
    } else {
      String line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
          java.nio.charset.StandardCharsets.UTF_8)).readLine();
      password = line == null ? new char[0] : line.toCharArray();
    }
    if (password == null || password.length == 0) {
      return fail("no password given");
    }
    System.out.println(dev.envsweep.server.auth.PasswordHash.hash(password));
    java.util.Arrays.fill(password, ' ');
    return OK;
  }
}
