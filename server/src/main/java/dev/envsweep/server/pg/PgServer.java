package dev.envsweep.server.pg;

import dev.envsweep.core.meta.EnvsweepMeta;
import dev.envsweep.server.auth.UsersFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL wire-protocol (v3) front end: psql, psycopg2, dbt-postgres and other PostgreSQL clients reach
 * the same Meta as the Avatica port, one envsweep connection per session. Blocking sockets, one thread per
 * session: sessions are few (scripts, CI steps, a dashboard), and a thread per session keeps each one's protocol
 * a plain sequence of reads and writes. At most {@code maxConnections} sessions at once; the next is told
 * {@code 53300}, as PostgreSQL tells it.
 */
public final class PgServer implements AutoCloseable {
  private final ServerSocket listener;
  private final EnvsweepMeta meta;
  private final int maxConnections;
  private final ExecutorService sessions;
  private final Map<Integer, PgSession> byProcessId = new ConcurrentHashMap<>();
  private final AtomicInteger nextProcessId = new AtomicInteger(1000);
  private final SecureRandom random = new SecureRandom();
  private final SSLSocketFactory tls;
  private final Map<String, UsersFile.User> users;

  private PgServer(ServerSocket listener, EnvsweepMeta meta, int maxConnections, SSLSocketFactory tls,
      Map<String, UsersFile.User> users) {
    this.listener = listener;
    this.meta = meta;
    this.maxConnections = maxConnections;
    this.tls = tls;
    this.users = users;
    AtomicInteger threads = new AtomicInteger();
    this.sessions = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "envsweep-pg-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Listens on {@code host:port} (0 for any free port) and serves sessions until closed. {@code keystore}: the
   * server's key and certificate (PKCS12, as for the Avatica port), with which an SSLRequest is answered
   * {@code S} and the session continues over TLS; null to answer {@code N}. {@code users}: who may connect, by
   * SCRAM-SHA-256 against their hashes; null for no authentication.
   */
  public static PgServer start(EnvsweepMeta meta, String host, int port, int maxConnections, Path keystore,
      String password, Map<String, UsersFile.User> users) throws IOException {
    SSLSocketFactory tls = keystore == null ? null : tls(keystore, password);
    ServerSocket listener = new ServerSocket();
    listener.setReuseAddress(true);
    listener.bind(new InetSocketAddress(InetAddress.getByName(host), port));
    PgServer server = new PgServer(listener, meta, maxConnections, tls, users);
    Thread accept = new Thread(server::accept, "envsweep-pg-accept");
    accept.setDaemon(true);
    accept.start();
    return server;
  }

  private static SSLSocketFactory tls(Path keystore, String password) throws IOException {
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password.toCharArray());
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot use server.tls.keystore " + keystore + ": " + e.getMessage(), e);
    }
  }

  /** The users file's users, when sessions must authenticate; null otherwise. */
  Map<String, UsersFile.User> users() {
    return users;
  }

  /** How sessions upgrade to TLS; null when TLS is not configured. */
  SSLSocketFactory tls() {
    return tls;
  }

  public int port() {
    return listener.getLocalPort();
  }

  private void accept() {
    while (!listener.isClosed()) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      if (byProcessId.size() >= maxConnections) {
        refuse(socket);
        continue;
      }
      PgSession session = new PgSession(socket, meta, this, nextProcessId.incrementAndGet(), random.nextInt());
      byProcessId.put(session.processId, session);
      sessions.execute(session);
    }
  }

  /** Too many sessions: PostgreSQL's answer, before any start-up message is read. */
  private static void refuse(Socket socket) {
    try (socket; OutputStream out = socket.getOutputStream()) {
      byte[] body = ("SFATAL\0VFATAL\0C53300\0Msorry, too many clients already\0\0").getBytes(StandardCharsets.UTF_8);
      out.write('E');
      int length = body.length + 4;
      out.write(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
      out.write(body);
      out.flush();
    } catch (IOException ignored) {
      // the client is gone already
    }
  }

  /** A CancelRequest: stops the statement of the session with that process id, if the secret matches. */
  void cancel(int processId, int secret) {
    PgSession session = byProcessId.get(processId);
    if (session != null && session.secret == secret) {
      session.cancel();
    }
  }

  void ended(PgSession session) {
    byProcessId.remove(session.processId, session);
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    byProcessId.values().forEach(PgSession::close);
    sessions.shutdownNow();
  }
}
