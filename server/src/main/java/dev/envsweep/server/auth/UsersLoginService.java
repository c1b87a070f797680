package dev.envsweep.server.auth;

import dev.envsweep.server.auth.UsersFile.User;
import java.util.Map;
import org.eclipse.jetty.security.AbstractLoginService;
import org.eclipse.jetty.util.security.Credential;

/** Jetty's login service over the users file, checking PBKDF2 hashes instead of Jetty's MD5 or crypt. */
public final class UsersLoginService extends AbstractLoginService {
  private final Map<String, User> users;

  public UsersLoginService(String realm, Map<String, User> users) {
    this.users = Map.copyOf(users);
    setName(realm);
  }

  @Override
  protected String[] loadRoleInfo(UserPrincipal user) {
    User u = users.get(user.getName());
    return u == null ? new String[0] : u.roles().toArray(String[]::new);
  }

  @Override
  protected UserPrincipal loadUserInfo(String username) {
    User u = users.get(username);
    return u == null ? null : new UserPrincipal(username, new Pbkdf2Credential(u.passwordHash()));
  }

  /** A stored hash that checks a presented password. */
  private static final class Pbkdf2Credential extends Credential {
    private static final long serialVersionUID = 1L;
    private final String hash;

    Pbkdf2Credential(String hash) {
      this.hash = hash;
    }

    @Override
    public boolean check(Object credentials) {
      char[] password = credentials instanceof char[] c ? c
          : credentials instanceof String s ? s.toCharArray() : null;
      return password != null && PasswordHash.verify(password, hash);
    }
  }
}
