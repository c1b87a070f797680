package dev.envsweep.core.meta;

/**
 * Who sent the current request, as the server saw them; absent in-process. The server sets it around each
 * request (on the request's thread, where Avatica runs the statement) and clears it afterwards.
 *
 * @param user the authenticated user name, or null when the server has no authentication
 * @param readOnly whether the user may only query envsweep's system tables
 * @param remoteAddress the client's address and port, as the server saw it
 */
public record Caller(String user, boolean readOnly, String remoteAddress) {
  private static final ThreadLocal<Caller> CURRENT = new ThreadLocal<>();

  public static Caller current() {
    return CURRENT.get();
  }

  public static void set(Caller caller) {
    CURRENT.set(caller);
  }

  public static void clear() {
    CURRENT.remove();
  }
}
