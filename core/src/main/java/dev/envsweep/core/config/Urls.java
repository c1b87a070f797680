package dev.envsweep.core.config;

import java.util.regex.Pattern;

/** Hides what could be a secret in a JDBC URL before it reaches a log, a message or a system table. */
public final class Urls {
  private Urls() {}

  private static final Pattern PASSWORD_PARAM =
      Pattern.compile("(?i)((?:password|pwd|secret|token|key)\\s*=)[^;&]*");
  private static final Pattern USER_INFO = Pattern.compile("(//[^/@:]+):[^@/]*@");

  public static String withoutSecrets(String url) {
    if (url == null) {
      return null;
    }
    String s = PASSWORD_PARAM.matcher(url).replaceAll("$1***");
    return USER_INFO.matcher(s).replaceAll("$1:***@");
  }
}
