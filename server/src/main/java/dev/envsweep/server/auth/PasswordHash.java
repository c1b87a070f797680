package dev.envsweep.server.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes for the users file: PBKDF2 with HMAC-SHA256, a random 16-byte salt and 210,000 iterations
 * (OWASP's 2023 figure), written {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} in base64. Verification runs in
 * constant time. The JDK does it all, so no library is needed.
 */
public final class PasswordHash {
  private PasswordHash() {}

  static final String PREFIX = "pbkdf2-sha256";
  private static final int ITERATIONS = 210_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  public static String hash(char[] password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return PREFIX + "$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$"
        + b64.encodeToString(derive(password, salt, ITERATIONS));
  }

  /** Whether the password matches the stored hash; false for anything malformed. */
  public static boolean verify(char[] password, String stored) {
    String[] p = stored.split("\\$");
    if (p.length != 4 || !p[0].equals(PREFIX)) {
      return false;
    }
    try {
      int iterations = Integer.parseInt(p[1]);
      byte[] salt = Base64.getDecoder().decode(p[2]);
      byte[] expected = Base64.getDecoder().decode(p[3]);
      return MessageDigest.isEqual(expected, derive(password, salt, iterations));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static boolean looksLikeHash(String value) {
    return value.startsWith(PREFIX + "$") && value.split("\\$").length == 4;
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
    }
  }
}
