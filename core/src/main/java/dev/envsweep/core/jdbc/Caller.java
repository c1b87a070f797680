package dev.envsweep.core.jdbc;

/**
 * Who is running the current statement, as the server authenticated them; absent in-process. A server sets it
 * around each request (on the request's thread, where Avatica runs the statement) and clears it afterwards.
 *
 * @param user the authenticated user name
 * @param readOnly whether the user may only query envsweep's system tables
 */
public record Caller(String user, boolean readOnly) {
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
