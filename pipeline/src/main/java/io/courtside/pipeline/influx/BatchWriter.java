package io.courtside.pipeline.influx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one batch so that a bad point can never block the others. Retryable failures are retried
 * by the {@link RetryPolicy} (the calling bundle blocks meanwhile: back-pressure). 401/403 are
 * thrown as they are: no retry and no dead letter can fix credentials; so is any status that says
 * the target is wrong (404 database dropped or bucket missing, 405, 3xx): dead-lettering would
 * throw good points away while the offsets move on. A refusal of the points (400 type conflict or
 * parse error, 413 too large, 422) splits the batch in halves and writes each again until the
 * rejected points are isolated; those come back with the server's message, as the write's failed
 * points ({@link FailedPoint}). Re-writing the accepted half is harmless: points are idempotent
 * ({@link InfluxSchema}) and InfluxDB 1.x even keeps the valid points of a partial write.
 */
final class BatchWriter {
  /** A point the server refused: its place in the written list, the line and the answer. */
  record Rejected(int index, String line, String reason) {}

  /** What a batch write did: retries and requests are counted for the metrics. */
  interface Stats {
    void retried();

    void rejectedRequest();
  }

  private final InfluxDbClient client;
  private final RetryPolicy retry;
  private final Stats stats;

  BatchWriter(InfluxDbClient client, RetryPolicy retry, Stats stats) {
    this.client = client;
    this.retry = retry;
    this.stats = stats;
  }

  /** Writes {@code lines}; returns the ones the server refused. */
  List<Rejected> write(List<String> lines) throws IOException, InterruptedException {
    List<Rejected> rejected = new ArrayList<>();
    write(lines, 0, rejected);
    return rejected;
  }

  /** {@code lines} starts at {@code offset} of the caller's list. */
  private void write(List<String> lines, int offset, List<Rejected> rejected)
      throws IOException, InterruptedException {
    if (lines.isEmpty()) {
      return;
    }
    try {
      retry.run(
          "write of " + lines.size() + " points",
          () -> client.write(lines),
          (e, delay) -> stats.retried());
    } catch (InfluxDbException e) {
      if (e.authFailure() || e.retryable() || e.status() == 0) {
        throw e; // credentials or an interrupt: the bundle fails
      }
      if (!e.pointsRefused()) {
        throw new InfluxDbException(
            e.getMessage()
                + " (the target is wrong, not the points: check --influxUrl, --influxApi and"
                + " that the database or bucket exists; the points were not dead-lettered)",
            e.status(),
            false,
            e);
      }
      stats.rejectedRequest();
      if (lines.size() == 1) {
        rejected.add(new Rejected(offset, lines.get(0), e.getMessage()));
        return;
      }
      int half = lines.size() / 2;
      write(lines.subList(0, half), offset, rejected);
      write(lines.subList(half, lines.size()), offset + half, rejected);
    }
  }
}
