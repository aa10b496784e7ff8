package dev.syncengine.core.internal;

import dev.syncengine.core.model.ChangeEvent;
import dev.syncengine.core.model.EnqueueResult;
import dev.syncengine.core.spi.JobStore;
import dev.syncengine.core.spi.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for ingress: concurrent deliveries are written to the queue together, in one store
 * transaction, while the previous transaction commits. Each caller still returns only after its own
 * events are durable, so nothing is acknowledged early; under load one commit serves many webhooks
 * instead of one.
 *
 * <p>Deliveries are partitioned by record over the writers (a delivery goes whole to the writer of
 * its first event's record), so two writers of this process never wait on each other's row locks:
 * changes to one hot record queue behind one writer and merge there, instead of serializing two
 * transactions. Thread-safe.
 */
public final class IngestBatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IngestBatcher.class);

  /** Events per transaction at most. */
  static final int MAX_EVENTS = 500;

  private record Pending(List<ChangeEvent> events, CompletableFuture<List<EnqueueResult>> done) {}

  private final JobStore jobs;
  private final Duration timeout;
  private final List<LinkedBlockingQueue<Pending>> queues = new ArrayList<>();
  private final List<Thread> writers = new ArrayList<>();
  private volatile boolean closed;

  /**
   * Writers, each owning a share of the records: while some wait on the database, the others fill
   * and send their next batch.
   */
  public static final int DEFAULT_WRITERS = 3;

  public IngestBatcher(JobStore jobs, Duration timeout) {
    this(jobs, timeout, DEFAULT_WRITERS);
  }

  public IngestBatcher(JobStore jobs, Duration timeout, int writerCount) {
    this.jobs = jobs;
    this.timeout = timeout;
    for (int i = 0; i < writerCount; i++) {
      LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
      queues.add(queue);
      Thread t = new Thread(() -> loop(queue), "sync-ingest-writer-" + i);
      t.setDaemon(true);
      t.start();
      writers.add(t);
    }
  }

  /**
   * Stores the events durably (together with whatever else is waiting) and returns their results.
   *
   * @throws StoreUnavailableException when the store fails or does not answer within the timeout
   */
  public List<EnqueueResult> enqueue(List<ChangeEvent> events) {
    if (closed || events.isEmpty()) {
      return jobs.enqueue(events);
    }
    Pending p = new Pending(events, new CompletableFuture<>());
    ChangeEvent first = events.get(0);
    int h = 31 * first.connectionId().hashCode() + first.recordId().hashCode();
    queues.get(Math.floorMod(h, queues.size())).add(p);
    try {
      return p.done().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while storing", e);
    } catch (TimeoutException e) {
      // The write may still land; the sender retries and the idempotency key drops the repeat.
      throw new StoreUnavailableException("the store did not answer in " + timeout, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new StoreUnavailableException("store failed", e.getCause());
    }
  }

  private void loop(LinkedBlockingQueue<Pending> queue) {
    while (!closed) {
      Pending first;
      try {
        first = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (first == null) {
        continue;
      }
      List<Pending> batch = new ArrayList<>();
      batch.add(first);
      int count = first.events().size();
      Pending next;
      while (count < MAX_EVENTS && (next = queue.poll()) != null) {
        batch.add(next);
        count += next.events().size();
      }
      write(batch, count);
    }
  }

  private void write(List<Pending> batch, int count) {
    if (batch.size() == 1) {
      writeAlone(batch.get(0));
      return;
    }
    List<ChangeEvent> all = new ArrayList<>(count);
    batch.forEach(p -> all.addAll(p.events()));
    List<EnqueueResult> results;
    try {
      results = jobs.enqueue(all);
    } catch (StoreUnavailableException e) {
      batch.forEach(p -> p.done().completeExceptionally(e));
      return;
    } catch (RuntimeException e) {
      // One delivery the store refuses must not fail the others: write them one by one.
      log.debug("grouped enqueue failed, retrying deliveries one by one: {}", e.toString());
      batch.forEach(this::writeAlone);
      return;
    }
    int at = 0;
    for (Pending p : batch) {
      int n = p.events().size();
      p.done().complete(List.copyOf(results.subList(at, at + n)));
      at += n;
    }
  }

  private void writeAlone(Pending p) {
    try {
      p.done().complete(jobs.enqueue(p.events()));
    } catch (RuntimeException e) {
      p.done().completeExceptionally(e);
    }
  }

  @Override
  public void close() {
    closed = true;
    writers.forEach(Thread::interrupt);
    for (LinkedBlockingQueue<Pending> queue : queues) {
      Pending p;
      while ((p = queue.poll()) != null) {
        writeAlone(p);
      }
    }
  }
}
