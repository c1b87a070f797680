package dev.envsweep.server.pg;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * PostgreSQL's wire protocol v3 framing: a message is a type byte and a big-endian length that counts itself;
 * start-up messages have no type byte. Messages are read whole (length-checked first, so a claimed gigabyte ends
 * the session instead of the server's memory) and written through one buffer per message.
 */
final class PgWire {
  /** Longest message a client may send: far more than any statement text. */
  static final int MAX_MESSAGE = 64 * 1024 * 1024;

  private final DataInputStream in;
  private final OutputStream out;

  PgWire(InputStream in, OutputStream out) {
    this.in = new DataInputStream(in);
    this.out = out;
  }

  /** A message from the client: its type ({@code 0} for start-up messages) and body. */
  record Message(char type, byte[] body) {
    /** The body's NUL-terminated string at {@code offset}. */
    String cstring(int offset) {
      int end = offset;
      while (end < body.length && body[end] != 0) {
        end++;
      }
      return new String(body, offset, end - offset, StandardCharsets.UTF_8);
    }

    int int16(int offset) {
      return (short) (((body[offset] & 0xff) << 8) | (body[offset + 1] & 0xff));
    }

    int int32(int offset) {
      return ((body[offset] & 0xff) << 24) | ((body[offset + 1] & 0xff) << 16) | ((body[offset + 2] & 0xff) << 8)
          | (body[offset + 3] & 0xff);
    }
  }

  /** Thrown for a message no client sends: the session ends with a protocol error. */
  static final class ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    ProtocolException(String message) {
      super(message);
    }
  }

  Message readStartup() throws IOException {
    int length = in.readInt();
    return new Message('\0', body(length));
  }

  /** The next message; null at the end of the stream. */
  Message read() throws IOException {
    int type = in.read();
    if (type < 0) {
      return null;
    }
    return new Message((char) type, body(in.readInt()));
  }

  private byte[] body(int length) throws IOException {
    if (length < 4 || length > MAX_MESSAGE) {
      throw new ProtocolException("invalid message length " + length);
    }
    byte[] body = new byte[length - 4];
    try {
      in.readFully(body);
    } catch (EOFException e) {
      throw new ProtocolException("message truncated: " + body.length + " bytes announced");
    }
    return body;
  }

  /** One message being written: {@link #send} frames and sends it. */
  final class Out {
    private final char type;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    private Out(char type) {
      this.type = type;
    }

    Out byte1(int b) {
      body.write(b);
      return this;
    }

    Out int16(int v) {
      body.write(v >>> 8);
      body.write(v);
      return this;
    }

    Out int32(int v) {
      body.write(v >>> 24);
      body.write(v >>> 16);
      body.write(v >>> 8);
      body.write(v);
      return this;
    }

    Out cstring(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      body.write(b, 0, b.length);
      body.write(0);
      return this;
    }

    /** Bytes as they are, with no length or terminator. */
    Out bytes(byte[] b) {
      body.write(b, 0, b.length);
      return this;
    }

    /** A length-prefixed value; null is length -1. */
    Out value(byte[] v) {
      if (v == null) {
        return int32(-1);
      }
      int32(v.length);
      body.write(v, 0, v.length);
      return this;
    }

    void send() throws IOException {
      byte[] b = body.toByteArray();
      synchronized (out) {
        out.write(type);
        writeInt(b.length + 4);
        out.write(b);
      }
    }

    private void writeInt(int v) throws IOException {
      out.write(v >>> 24);
      out.write(v >>> 16);
      out.write(v >>> 8);
      out.write(v);
    }
  }

  Out message(char type) {
    return new Out(type);
  }

  /** A single byte outside any message (the answer to SSLRequest and GSSENCRequest). */
  void raw(int b) throws IOException {
    synchronized (out) {
      out.write(b);
      out.flush();
    }
  }

  void flush() throws IOException {
    synchronized (out) {
      out.flush();
    }
  }
}
