package dev.envsweep.server.pg;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SCRAM-SHA-256 (RFC 5802 and 7677), the password exchange psql, psycopg2 and pgjdbc use by default. The users
 * file keeps PBKDF2-HMAC-SHA256 hashes with a 256-bit output, which is exactly SCRAM's SaltedPassword for that
 * salt and iteration count, so no plaintext is stored or needed. A user the file does not know goes through the
 * same exchange with a random salt and fails at its end, so the exchange does not tell which names exist.
 * Channel binding is not offered (the client's {@code n,,} header).
 */
final class Scram {
  static final String MECHANISM = "SCRAM-SHA-256";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] salt;
  private final int iterations;
  private final byte[] saltedPassword;
  private final boolean known;
  private String clientFirstBare;
  private String serverFirst;
  private String nonce;

  /** {@code stored}: the user's {@code pbkdf2-sha256$iterations$salt$hash}, or null for an unknown user. */
  Scram(String stored) {
    String[] p = stored == null ? new String[0] : stored.split("\\$");
    if (p.length == 4 && p[0].equals("pbkdf2-sha256")) {
      this.iterations = Integer.parseInt(p[1]);
      this.salt = Base64.getDecoder().decode(p[2]);
      this.saltedPassword = Base64.getDecoder().decode(p[3]);
      this.known = true;
    } else {
      this.iterations = 4096;
      this.salt = random(16);
      this.saltedPassword = random(32);
      this.known = false;
    }
  }

  /** The server-first message answering the client-first one; null for a message that is not SCRAM's. */
  String serverFirst(String clientFirst) {
    if (!clientFirst.startsWith("n,") && !clientFirst.startsWith("y,")) {
      return null;
    }
    int bare = clientFirst.indexOf(',', 2);
    if (bare < 0) {
      return null;
    }
    clientFirstBare = clientFirst.substring(bare + 1);
    String clientNonce = attribute(clientFirstBare, 'r');
    if (clientNonce == null) {
      return null;
    }
    nonce = clientNonce + Base64.getEncoder().withoutPadding().encodeToString(random(18));
    serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(salt) + ",i=" + iterations;
    return serverFirst;
  }

  /** The server-final message when the client's proof is right; null when it is not. */
  String serverFinal(String clientFinal) {
    int proofAt = clientFinal.lastIndexOf(",p=");
    if (proofAt < 0 || serverFirst == null || !nonce.equals(attribute(clientFinal, 'r'))) {
      return null;
    }
    String authMessage = clientFirstBare + "," + serverFirst + "," + clientFinal.substring(0, proofAt);
    byte[] proof;
    try {
      proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
    } catch (IllegalArgumentException e) {
      return null;
    }
    byte[] clientKey = hmac(saltedPassword, "Client Key");
    byte[] storedKey = sha256(clientKey);
    byte[] clientSignature = hmac(storedKey, authMessage);
    if (proof.length != clientSignature.length) {
      return null;
    }
    byte[] claimedClientKey = new byte[proof.length];
    for (int i = 0; i < proof.length; i++) {
      claimedClientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
    }
    if (!MessageDigest.isEqual(sha256(claimedClientKey), storedKey) || !known) {
      return null;
    }
    return "v=" + Base64.getEncoder().encodeToString(hmac(hmac(saltedPassword, "Server Key"), authMessage));
  }

  /** The value of {@code name=} in a comma-separated SCRAM message. */
  private static String attribute(String message, char name) {
    for (String part : message.split(",")) {
      if (part.length() > 1 && part.charAt(0) == name && part.charAt(1) == '=') {
        return part.substring(2);
      }
    }
    return null;
  }

  private static byte[] hmac(byte[] key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
