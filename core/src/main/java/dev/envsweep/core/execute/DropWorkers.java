package dev.envsweep.core.execute;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs units of drop work (one environment's drops, in their order) on up to {@code parallelism} threads, so that
 * several environments are dropped at once while each one's statements stay in sequence (views before schema
 * before catalog). How many statements reach one gateway at a time is capped separately, by the gateway's own
 * {@code max_parallel_drops} ({@code Gateway.acquireDropSlot}). With a parallelism of 1 work runs on the caller's
 * thread: no threads, no hand-off, exactly the sequential behaviour.
 */
public final class DropWorkers {
  private static final AtomicInteger POOLS = new AtomicInteger();
  private final int parallelism;
  private final ExecutorService pool;
  /** Submissions wait here while {@code parallelism} units are running: nothing queues up unbounded. */
  private final java.util.concurrent.Semaphore running;

  public DropWorkers(int parallelism) {
    this.parallelism = Math.max(1, parallelism);
    this.running = new java.util.concurrent.Semaphore(this.parallelism);
    if (this.parallelism == 1) {
      this.pool = null;
    } else {
      // The queue is unbounded only in type: the semaphore lets at most `parallelism` units in at once. (A
      // worker releases it just before it is free to take the next unit, so a hand-off queue could refuse one.)
      this.pool = DaemonThreads.fixed("envsweep-drop-" + POOLS.incrementAndGet(), this.parallelism);
    }
  }

  public int parallelism() {
    return parallelism;
  }

  /** Starts {@code work}, waiting first while {@link #parallelism()} units are running. */
  public <T> Future<T> submit(Callable<T> work) {
    if (pool == null) {
      CompletableFuture<T> done = new CompletableFuture<>();
      try {
        done.complete(work.call());
      } catch (Exception | Error e) {
        done.completeExceptionally(e);
      }
      return done;
    }
    running.acquireUninterruptibly();
    try {
      return pool.submit(() -> {
        try {
          return work.call();
        } finally {
          running.release();
        }
      });
    } catch (RuntimeException e) {
      running.release();
      throw e;
    }
  }

  /**
   * Every result, in submission order, once all have finished; the first failure is rethrown, but only after
   * the rest have finished too, so nothing is still being dropped when the caller rolls back or returns.
   */
  public static <T> List<T> awaitAll(List<Future<T>> futures) {
    List<T> out = new ArrayList<>(futures.size());
    Throwable failure = null;
    for (Future<T> f : futures) {
      try {
        out.add(getUninterruptibly(f));
      } catch (ExecutionException e) {
        failure = failure == null ? e.getCause() : failure;
      }
    }
    if (failure instanceof RuntimeException r) {
      throw r;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
    return out;
  }

  private static <T> T getUninterruptibly(Future<T> f) throws ExecutionException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return f.get();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
