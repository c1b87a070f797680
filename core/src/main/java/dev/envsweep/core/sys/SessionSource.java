package dev.envsweep.core.sys;

import java.util.List;

/** The open client connections, as {@code sys.sessions} lists them; kept by the endpoint that serves them. */
public interface SessionSource {

  /** One open client connection and the statement it is running now, if any. */
  record SessionRow(String sessionId, String user, String remoteAddress, String statement, Long startedAt,
      long connectedAt) {}

  List<SessionRow> sessions();
}
