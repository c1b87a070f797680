package dev.envsweep.core.meta;

import dev.envsweep.core.SqlStates;
import dev.envsweep.core.sys.SessionSource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open client connections of one Meta: what {@code sys.sessions} lists and {@code CALL sys.cancel_statement}
 * reaches. A session's id is its Avatica connection id.
 */
final class Sessions implements SessionSource {
  private final Map<String, Session> byId = new ConcurrentHashMap<>();

  /** Adds a session; false if one with its id is open already. */
  boolean add(Session s) {
    return byId.putIfAbsent(s.id, s) == null;
  }

  Session get(String id) {
    return byId.get(id);
  }

  Session remove(String id) {
    return byId.remove(id);
  }

  Collection<Session> all() {
    return byId.values();
  }

  /**
   * Stops the statement the session is running (its client gets 57014 and keeps a usable connection); returns
   * it, or null when the session is idle. 42704 for a session that is not open.
   */
  Running cancel(String sessionId) throws SQLException {
    Session s = byId.get(sessionId);
    if (s == null) {
      throw new SQLException("session '" + SqlStates.shown(sessionId) + "' does not exist; sys.sessions lists the "
          + "open ones", SqlStates.UNDEFINED_OBJECT);
    }
    Running run = s.running.get();
    if (run != null) {
      run.stop("user request");
    }
    return run;
  }

  @Override
  public List<SessionRow> sessions() {
    List<SessionRow> rows = new ArrayList<>();
    for (Session s : byId.values()) {
      Running run = s.running.get();
      rows.add(new SessionRow(s.id, s.caller == null ? null : s.caller.user(), s.caller != null
          ? s.caller.remoteAddress() : s.inProcess != null ? "in-process" : null, run == null ? null : run.sql,
          run == null ? null : run.startedAt, s.connectedAt));
    }
    rows.sort(java.util.Comparator.comparingLong(SessionRow::connectedAt));
    return rows;
  }
}
