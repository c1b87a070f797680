package dev.envsweep.server;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A cleanup's progress on stderr: done/total environments (done counted from ENVIRONMENT rows as they stream,
 * total from the expired count read before it started), rate and ETA. On a terminal, a progress bar
 * ({@code me.tongfei:progressbar}); otherwise, as in CI logs, one line every few seconds, and none at all for a
 * cleanup shorter than that.
 */
abstract class Progress implements AutoCloseable {
  static final Progress NONE = new Progress() {
    @Override
    void environmentDone() {}

    @Override
    public void close() {}
  };

  abstract void environmentDone();

  @Override
  public abstract void close();

  /** @param total expired environments before it started, or -1 while unknown (it may become known later) */
  static Progress start(String task, long total, OutputOptions options, PrintStream err) {
    return start(task, () -> total, options, err);
  }

  /**
   * @param total expired environments before it started, -1 while unknown: it is read on another connection
   *     while the cleanup already runs (the first sys query of a fresh process costs Calcite's start-up)
   */
  static Progress start(String task, java.util.function.LongSupplier total, OutputOptions options,
      PrintStream err) {
    if (options.quiet) {
      return NONE;
    }
    if (stderrIsTerminal()) {
      return new Bar(task, total, err);
    }
    if (options.progressIntervalSeconds <= 0) {
      return NONE;
    }
    return new Lines(task, total, err, Math.max(100, (long) (options.progressIntervalSeconds * 1000)));
  }

  /**
   * Whether file descriptor 2 is a terminal. Java has no call for that (System.console() asks about stdin and
   * stdout); on Linux /proc names the device it points to.
   */
  static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (Exception e) {
      return System.console() != null;
    }
  }

  private static final class Bar extends Progress {
    private final ProgressBar bar;
    private final java.util.function.LongSupplier total;
    private long done;
    private long max;

    Bar(String task, java.util.function.LongSupplier total, PrintStream err) {
      this.total = total;
      max = total.getAsLong();
      bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(max > 0 ? max : -1).setUnit(" env", 1)
          .showSpeed().setUpdateIntervalMillis(250).setConsumer(new ConsoleProgressBarConsumer(err)).build();
    }

    @Override
    synchronized void environmentDone() {
      done++;
      long known = total.getAsLong();
      if (known > max) {
        max = known;
        bar.maxHint(max);
      }
      if (done > max) {
        // Environments that expired after the count was read.
        max = done;
        bar.maxHint(max);
      }
      bar.stepTo(done);
    }

    @Override
    public synchronized void close() {
      bar.close();
    }
  }

  private static final class Lines extends Progress {
    private final AtomicLong done = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "envsweep-progress");
      t.setDaemon(true);
      return t;
    });
    private final long startNanos = System.nanoTime();

    Lines(String task, java.util.function.LongSupplier total, PrintStream err, long intervalMs) {
      timer.scheduleAtFixedRate(() -> err.println(line(task, done.get(), total.getAsLong(),
          Duration.ofNanos(System.nanoTime() - startNanos))), intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    @Override
    void environmentDone() {
      done.incrementAndGet();
    }

    @Override
    public void close() {
      timer.shutdownNow();
    }
  }

  /** {@code envsweep: cleanup: 120/1000 environments (12%), 40.0/s, ETA 0:22}. */
  static String line(String task, long done, long total, Duration elapsed) {
    double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
    double rate = done / seconds;
    StringBuilder sb = new StringBuilder("envsweep: ").append(task).append(": ").append(done);
    if (total > 0) {
      long shownTotal = Math.max(total, done);
      sb.append('/').append(shownTotal).append(" environments (").append(done * 100 / shownTotal).append("%)");
    } else {
      sb.append(" environments");
    }
    sb.append(String.format(Locale.ROOT, ", %.1f/s", rate));
    if (total > 0 && rate > 0 && done < total) {
      long eta = (long) Math.ceil((total - done) / rate);
      sb.append(String.format(Locale.ROOT, ", ETA %d:%02d", eta / 60, eta % 60));
    }
    return sb.append(", ").append(String.format(Locale.ROOT, "%.0f s elapsed", seconds)).toString();
  }
}
