package dev.envsweep.server.auth;

import dev.envsweep.core.meta.Caller;
import java.io.IOException;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Tells envsweep who sent each request: Avatica runs the statement on the request's own thread, so the
 * client's address and, with authentication, the user and whether they are read-only are put in {@link Caller}
 * for the request's duration.
 */
public final class CallerHandler extends HandlerWrapper {

  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    java.security.Principal user = request.getUserPrincipal();
    String address = request.getRemoteAddr() + ":" + request.getRemotePort();
    Caller.set(user == null ? new Caller(null, false, address)
        : new Caller(user.getName(), !request.isUserInRole(UsersFile.ADMIN), address));
    try {
      super.handle(target, baseRequest, request, response);
    } finally {
      Caller.clear();
    }
  }
}
