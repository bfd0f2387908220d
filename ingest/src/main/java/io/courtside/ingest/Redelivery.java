package io.courtside.ingest;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds every record until Kafka acknowledges it, so that a broker outage longer than the
 * producer's {@code delivery.timeout.ms} loses nothing. A record the producer fails with a
 * retriable error (its delivery timeout among them) is handed to a thread of its own that sends it
 * again: the producer then waits for the broker another {@code delivery.timeout.ms}, so re-sends
 * come once per timeout, not in a loop. Only when no record has been acknowledged for {@code
 * maxOutage} do held records fail for good; a non-retriable error (a record too large, a refused
 * authorisation) fails its record at once.
 *
 * <p>Memory is bounded: each held record takes its key and value bytes from a budget, returned when
 * it is acknowledged or fails, and {@link #send} waits while the budget is spent. That wait blocks
 * the source, which stops reading its stream: back-pressure instead of an unbounded heap.
 */
final class Redelivery implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Redelivery.class);

  /** Pause after a send that failed at once (e.g. no metadata in max.block.ms): no hot loop. */
  private static final long PAUSE_AFTER_SYNC_FAILURE_MS = 1_000;

  private final Producer<byte[], byte[]> producer;
  private final long maxOutageNanos;
  private final long maxHeldBytes;
  private final LongSupplier nanoTime;
  private final Runnable onAcknowledged;
  private final Consumer<Exception> onFailed;
  private final LinkedBlockingQueue<ProducerRecord<byte[], byte[]>> again =
      new LinkedBlockingQueue<>();
  private final Thread resender;
  private final AtomicLong resent = new AtomicLong();

  private final Object lock = new Object();
  private long heldBytes;
  private long heldRecords;
  private boolean waitingForRoom;

  /** nanoTime of the first failure since the last acknowledgement; -1 while Kafka answers. */
  private long outageSince = -1;

  private boolean closed;

  Redelivery(
      Producer<byte[], byte[]> producer,
      Duration maxOutage,
      long maxHeldBytes,
      LongSupplier nanoTime,
      Runnable onAcknowledged,
      Consumer<Exception> onFailed) {
    this.producer = producer;
    this.maxOutageNanos = maxOutage.toNanos();
    this.maxHeldBytes = maxHeldBytes;
    this.nanoTime = nanoTime;
    this.onAcknowledged = onAcknowledged;
    this.onFailed = onFailed;
    this.resender = new Thread(this::resendLoop, "courtside-ingest-resend");
    resender.setDaemon(true);
    resender.start();
  }

  /** Holds {@code record} (waiting for room while the budget is spent) and sends it. */
  void send(ProducerRecord<byte[], byte[]> record) throws InterruptedException {
    long size = sizeOf(record);
    synchronized (lock) {
      while (heldRecords > 0 && heldBytes + size > maxHeldBytes && !closed) {
        if (!waitingForRoom) {
          waitingForRoom = true;
          LOG.warn(
              "Kafka: {} MiB of records held for delivery, the most allowed; the source"
                  + " waits until Kafka acknowledges some",
              maxHeldBytes >> 20);
        }
        lock.wait(1_000);
      }
      waitingForRoom = false;
      heldBytes += size;
      heldRecords++;
    }
    dispatch(record, size);
  }

  private void dispatch(ProducerRecord<byte[], byte[]> record, long size) {
    try {
      producer.send(record, (metadata, e) -> completed(record, size, e));
    } catch (RuntimeException e) {
      // send() throws instead of calling back for some errors (closed, interrupted, max.block.ms).
      completed(record, size, e);
    }
  }

  /** Runs on the producer's I/O thread: must not block. */
  private void completed(ProducerRecord<byte[], byte[]> record, long size, Exception e) {
    if (e == null) {
      synchronized (lock) {
        if (outageSince >= 0) {
          LOG.info(
              "Kafka acknowledges again after {} s; {} records re-sent so far",
              (nanoTime.getAsLong() - outageSince) / 1_000_000_000L,
              resent.get());
          outageSince = -1;
        }
        release(size);
      }
      onAcknowledged.run();
      return;
    }
    boolean retry;
    synchronized (lock) {
      long now = nanoTime.getAsLong();
      if (outageSince < 0 && e instanceof RetriableException) {
        outageSince = now;
        LOG.warn(
            "Kafka did not acknowledge in time ({}); holding the records and sending them"
                + " again until it does, for up to {} s",
            e.toString(),
            maxOutageNanos / 1_000_000_000L);
      }
      retry = e instanceof RetriableException && !closed && now - outageSince < maxOutageNanos;
      if (!retry) {
        release(size);
      }
    }
    if (retry) {
      again.add(record);
    } else {
      onFailed.accept(
          e instanceof RetriableException
              ? new IllegalStateException(
                  "Kafka did not acknowledge any record for "
                      + maxOutageNanos / 1_000_000_000L
                      + " s; last error: "
                      + e,
                  e)
              : e);
    }
  }

  private void release(long size) {
    heldBytes -= size;
    heldRecords--;
    lock.notifyAll();
  }

  private void resendLoop() {
    try {
      while (true) {
        ProducerRecord<byte[], byte[]> record = again.take();
        resent.incrementAndGet();
        try {
          producer.send(record, (metadata, e) -> completed(record, sizeOf(record), e));
        } catch (RuntimeException e) {
          completed(record, sizeOf(record), e);
          Thread.sleep(PAUSE_AFTER_SYNC_FAILURE_MS);
        }
      }
    } catch (InterruptedException e) {
      // closed
    }
  }

  /**
   * Waits until nothing is held: every record acknowledged, or failed after the outage limit. With
   * a {@code timeout}, records still held then are failed (the caller is leaving).
   */
  void awaitSettled(Duration timeout) {
    long deadline = timeout == null ? Long.MAX_VALUE : nanoTime.getAsLong() + timeout.toNanos();
    while (true) {
      if (timeout == null) {
        // Sends what the producer buffers now; re-sends may follow from callbacks. Not when the
        // caller is leaving: flush can block for a whole delivery.timeout.ms.
        producer.flush();
      }
      synchronized (lock) {
        if (heldRecords == 0) {
          return;
        }
        if (nanoTime.getAsLong() >= deadline) {
          closed = true; // from now on failures are final
          break;
        }
        try {
          lock.wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          closed = true;
          break;
        }
      }
    }
    failWaiting();
  }

  private void failWaiting() {
    ProducerRecord<byte[], byte[]> record;
    while ((record = again.poll()) != null) {
      synchronized (lock) {
        release(sizeOf(record));
      }
      onFailed.accept(new IllegalStateException("not delivered before ingest stopped"));
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
    resender.interrupt();
    try {
      resender.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    failWaiting();
  }

  long held() {
    synchronized (lock) {
      return heldRecords;
    }
  }

  int percentFull() {
    synchronized (lock) {
      return (int) Math.min(100, heldBytes * 100 / Math.max(1, maxHeldBytes));
    }
  }

  boolean full() {
    synchronized (lock) {
      return waitingForRoom;
    }
  }

  long resent() {
    return resent.get();
  }

  long maxOutageSeconds() {
    return maxOutageNanos / 1_000_000_000L;
  }

  /** Seconds since Kafka last acknowledged after a failure, or -1 while it answers. */
  long outageSeconds() {
    synchronized (lock) {
      return outageSince < 0 ? -1 : (nanoTime.getAsLong() - outageSince) / 1_000_000_000L;
    }
  }

  private static long sizeOf(ProducerRecord<byte[], byte[]> record) {
    return 64
        + (record.key() == null ? 0 : record.key().length)
        + (record.value() == null ? 0 : record.value().length);
  }
}
