package dev.envsweep.dialects;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A small file beside a local database file, {@code <file>.envsweep-serve}, saying which {@code envsweep serve}
 * process serves it and at which address ({@code pid=...}, {@code url=...} lines). DuckDB's own lock names only
 * a PID, and an envsweep server holds that lock only while it works, so this is how a second process learns the
 * holder's address, and how a second {@code serve --demo} learns that the demo file is being served. A marker
 * left by a killed process is harmless: its PID no longer holds DuckDB's lock, and an exclusive claim is an OS
 * file lock, which dies with its process.
 */
public final class ServeMarker implements AutoCloseable {
  /** Who serves a file, as its marker says. */
  public record Holder(long pid, String url) {}

  /** The file is claimed by another live process. */
  public static final class HeldException extends Exception {
    HeldException(String message) {
      super(message);
    }
  }

  private final Path marker;
  private final FileChannel channel;
  private final FileLock lock;

  private ServeMarker(Path marker, FileChannel channel, FileLock lock) {
    this.marker = marker;
    this.channel = channel;
    this.lock = lock;
  }

  public static Path markerOf(Path databaseFile) {
    return databaseFile.resolveSibling(databaseFile.getFileName() + ".envsweep-serve");
  }

  /**
   * Claims the file for this process alone (an OS lock on the marker, held until {@link #close()}), or says who
   * has it.
   */
  public static ServeMarker claimExclusively(Path databaseFile) throws IOException, HeldException {
    Path marker = markerOf(databaseFile);
    FileChannel channel = FileChannel.open(marker, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      Optional<Holder> holder = read(databaseFile);
      throw new HeldException(databaseFile.getFileName() + " is being served by another envsweep process"
          + holder.map(h -> " (PID " + h.pid() + (h.url() == null ? "" : ", " + h.url()) + ")").orElse("")
          + "; rebuilding it would pull the file from under that server: stop it first, or run serve --demo in "
          + "another directory");
    }
    return new ServeMarker(marker, channel, lock);
  }

  /** A marker other servers of the same file may share (the last one to start is named). */
  public static ServeMarker claimShared(Path databaseFile) {
    return new ServeMarker(markerOf(databaseFile), null, null);
  }

  /** Records this process and the address it serves at. Best effort: a read-only directory gets no marker. */
  public void announce(String url) {
    byte[] text = ("pid=" + ProcessHandle.current().pid() + "\nurl=" + url + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      if (channel != null) {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(text), 0);
        channel.force(false);
      } else {
        Files.write(marker, text);
      }
    } catch (IOException ignored) {
      // only a hint for other processes; serving does not depend on it
    }
  }

  /** What the file's marker says, if there is one naming a live process. */
  public static Optional<Holder> read(Path databaseFile) {
    try {
      long pid = -1;
      String url = null;
      for (String line : Files.readAllLines(markerOf(databaseFile), StandardCharsets.UTF_8)) {
        if (line.startsWith("pid=")) {
          pid = Long.parseLong(line.substring(4).strip());
        } else if (line.startsWith("url=")) {
          url = line.substring(4).strip();
        }
      }
      return pid > 0 && ProcessHandle.of(pid).isPresent() ? Optional.of(new Holder(pid, url)) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Removes the marker if it still names this process, and releases the claim. */
  @Override
  public void close() {
    try {
      Optional<Holder> holder = read(marker.resolveSibling(marker.getFileName().toString()
          .replace(".envsweep-serve", "")));
      if (holder.isPresent() && holder.get().pid() == ProcessHandle.current().pid()) {
        Files.deleteIfExists(marker);
      }
      if (lock != null) {
        lock.release();
      }
      if (channel != null) {
        channel.close();
      }
    } catch (IOException ignored) {
      // the process is ending; a stale marker names a dead PID and is ignored
    }
  }
}
