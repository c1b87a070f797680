package dev.envsweep.core.execute;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread pools of envsweep's background work: daemon threads (they never keep the JVM alive) named after what
 * they do, each ending after a minute idle, so a server that cleans once an hour holds no threads in between.
 */
public final class DaemonThreads {
  private DaemonThreads() {}

  /** Up to {@code threads} threads; work beyond them waits in an unbounded queue. */
  public static ThreadPoolExecutor fixed(String name, int threads) {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new java.util.concurrent.LinkedBlockingQueue<>(), factory(name));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** A thread per piece of work running at once, however many. */
  public static ExecutorService perTask(String name) {
    return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
        factory(name));
  }

  private static java.util.concurrent.ThreadFactory factory(String name) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
