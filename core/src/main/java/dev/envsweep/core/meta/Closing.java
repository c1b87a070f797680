package dev.envsweep.core.meta;

/** Closes what a client left open (a result set, a statement, a connection) where a failure changes nothing. */
final class Closing {
  private Closing() {}

  static void quietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception ignored) {
      // the resource is being given up; a driver that fails to close it has nothing left to tell the client
    }
  }
}
