package dev.envsweep.server.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The users of a server with basic authentication, one per line: {@code name: <password hash>, role[, role]}.
 * Roles: {@code admin} may run everything; {@code readonly} may only query {@code sys.*}. Blank lines and
 * {@code #} comments are ignored. Plain-text passwords are refused: hashes come from
 * {@code envsweep hash-password}.
 */
public final class UsersFile {
  public static final String ADMIN = "admin";
  public static final String READONLY = "readonly";
  static final Set<String> ROLES = Set.of(ADMIN, READONLY);

  /** One user. */
  public record User(String name, String passwordHash, Set<String> roles) {
    public boolean readOnly() {
      return !roles.contains(ADMIN);
    }
  }

  private UsersFile() {}

  public static Map<String, User> read(Path file) throws IOException {
    Map<String, User> users = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = file + ", line " + (i + 1) + ": ";
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(where + "expected 'name: <hash>, role'");
      }
      String name = line.substring(0, colon).strip();
      String[] rest = line.substring(colon + 1).split(",");
      String hash = rest[0].strip();
      if (!PasswordHash.looksLikeHash(hash)) {
        throw new IllegalArgumentException(where + "the password of '" + name + "' is not a hash; make one with "
            + "'java -jar envsweep.jar hash-password'");
      }
      Set<String> roles = new java.util.LinkedHashSet<>();
      for (int r = 1; r < rest.length; r++) {
        String role = rest[r].strip();
        if (!ROLES.contains(role)) {
          throw new IllegalArgumentException(where + "unknown role '" + role + "'; roles are admin, readonly");
        }
        roles.add(role);
      }
      if (roles.isEmpty()) {
        throw new IllegalArgumentException(where + "'" + name + "' has no role; give admin or readonly");
      }
      if (users.put(name, new User(name, hash, Set.copyOf(roles))) != null) {
        throw new IllegalArgumentException(where + "'" + name + "' is listed twice");
      }
    }
    return users;
  }
}
