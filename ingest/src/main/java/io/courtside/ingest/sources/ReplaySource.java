package io.courtside.ingest.sources;

import io.courtside.ingest.IngestException;
import io.courtside.ingest.PostSource;
import io.courtside.ingest.RecordSink;
import io.courtside.ingest.Sleeper;
import io.courtside.ingest.SourceStats;
import io.courtside.ingest.StopSignal;
import io.courtside.ingest.formats.FormatDetector;
import io.courtside.ingest.formats.Mapped;
import io.courtside.model.Post;
import io.courtside.model.Utf8;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a file of posts, one JSON record per line ({@code .gz} is read compressed), streaming in
 * constant memory. Each line's format is detected on its own ({@link FormatDetector}): Courtside
 * JSONL, X v2 tweets, X v1.1 statuses, Jetstream events and Mastodon statuses may be mixed.
 *
 * <ul>
 *   <li>A line that maps to a post is sent as a post (key = id, value = its canonical JSON).
 *   <li>A line that is not JSON, has an unknown shape, or lacks what a post needs is sent unchanged
 *       under key {@code line-<n>}: the pipeline rejects it into the dead-letter topic with the
 *       reason, rather than ingest dropping it unseen. It is counted under its reason.
 *   <li>A line that is valid but not a post (a Jetstream delete, a v1.1 delete notice, a boost), a
 *       blank line, or a line too long for one Kafka record is skipped and counted by reason.
 * </ul>
 *
 * <p>Pacing: with no speed, as fast as the producer takes records. With speed X, post k is sent
 * when {@code (createdAt_k - createdAt_first) / X} has elapsed since the first was sent. Measuring
 * from the first post rather than from the previous one keeps errors from accumulating; posts older
 * than the first (files are not always sorted) go out at once. A single wait is cut to {@code
 * maxWait} (a line a year off must not stall a replay for a year) and the pace then resumes from
 * that post; each cut is counted in the progress line.
 */
public final class ReplaySource implements PostSource {
  private static final Logger LOG = LoggerFactory.getLogger(ReplaySource.class);

  /** Waits longer than this are logged, so that a slow replay does not look like a hang. */
  private static final long LOG_WAIT_NANOS = 10_000_000_000L;

  private final Path file;
  private final Double speed;
  private final Duration maxWait;
  private final String cutLabel;
  private final int maxLineBytes;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;

  private final FormatDetector formats;
  private final SourceStats stats = new SourceStats();

  private Instant firstCreatedAt;
  private long firstSentNanos;

  /**
   * @param speed null for as fast as possible, else the multiple of the original pace
   * @param maxWait longest single wait under {@code speed}
   * @param maxLineBytes longest line kept; longer ones are skipped (see class comment)
   * @param nanoTime monotonic clock ({@code System::nanoTime}); tests pass a fake one
   * @param sleeper waits between paced posts; a {@link StopSignal} ends waits on Ctrl-C
   * @param mastodonInstance host that served replayed Mastodon statuses (for their ids)
   */
  public ReplaySource(
      Path file,
      Double speed,
      Duration maxWait,
      int maxLineBytes,
      LongSupplier nanoTime,
      Sleeper sleeper,
      String mastodonInstance) {
    if (speed != null && !(speed > 0 && Double.isFinite(speed))) {
      throw new IllegalArgumentException("speed must be positive and finite: " + speed);
    }
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait must not be negative: " + maxWait);
    }
    this.file = file;
    this.speed = speed;
    this.maxWait = maxWait;
    this.cutLabel = "waits cut to --maxWait=" + maxWait.toSeconds() + "s";
    this.maxLineBytes = maxLineBytes;
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
    this.formats = new FormatDetector(mastodonInstance);
  }

  @Override
  public SourceStats stats() {
    return stats;
  }

  @Override
  public void run(RecordSink sink, StopSignal stop) throws IngestException, InterruptedException {
    try {
      run(sink, 0, stop::isStopped); // --count is applied by the caller's sink
    } catch (IOException e) {
      // The records before the failure are in Kafka by now: say how many, so a user who fixes the
      // file knows the topic already holds its first part.
      String why =
          e instanceof java.io.EOFException
              ? "the compressed file ends early (cut short?)"
              : e.toString();
      throw new IngestException(
          "--file="
              + file
              + ": read failed after "
              + stats.receivedCount()
              + " records, which were sent: "
              + why,
          e);
    }
  }

  /**
   * Sends the file's records to the sink until the end of the file, {@code maxRecords} records
   * (posts and raw lines; {@code <= 0} for no limit), or a stop request.
   *
   * @return the number of records handed to the sink
   */
  public long run(RecordSink sink, long maxRecords, BooleanSupplier stopRequested)
      throws IOException, InterruptedException {
    long limit = maxRecords <= 0 ? Long.MAX_VALUE : maxRecords;
    long sent = 0;
    try (LineReader lines = new LineReader(open(file), maxLineBytes)) {
      while (sent < limit && !stopRequested.getAsBoolean() && lines.next()) {
        stats.received();
        if (lines.oversize()) {
          stats.skipped("oversize line");
          LOG.warn(
              "{} line {}: longer than {} bytes, too large for one Kafka record; skipped",
              file,
              lines.lineNumber(),
              maxLineBytes);
          continue;
        }
        if (lines.blank()) {
          stats.skipped("blank line");
          continue;
        }
        byte[] bytes = lines.bytes();
        String text = Utf8.decodeOrNull(bytes);
        Mapped mapped = text == null ? Mapped.malformed("not UTF-8") : formats.map(text);
        if (mapped.malformed()) {
          LOG.debug(
              "{} line {}: {}; sent raw for the dead-letter topic",
              file,
              lines.lineNumber(),
              mapped.reason());
          sink.raw("line-" + lines.lineNumber(), bytes);
          stats.skipped(mapped.reason() + " (sent raw)");
          sent++;
          continue;
        }
        if (!mapped.isPost()) {
          stats.skipped(mapped.reason());
          continue;
        }
        Post post = mapped.post();
        if (!awaitDue(post.createdAt(), stopRequested)) {
          break;
        }
        sink.post(post);
        stats.posted();
        sent++;
      }
    }
    return sent;
  }

  /** Waits until the post is due under --speed; false when a stop came during the wait. */
  private boolean awaitDue(Instant createdAt, BooleanSupplier stopRequested)
      throws InterruptedException {
    if (speed == null) {
      return true;
    }
    long now = nanoTime.getAsLong();
    if (firstCreatedAt == null) {
      firstCreatedAt = createdAt;
      firstSentNanos = now;
      return true;
    }
    long wait = nanosUntilDue(firstCreatedAt, firstSentNanos, createdAt, speed, now);
    boolean cut = wait > maxWait.toNanos();
    if (cut) {
      LOG.info(
          "next post (createdAt {}) is due in {} s at --speed={}; waiting --maxWait={}s"
              + " instead, then pacing from it",
          createdAt,
          wait / 1_000_000_000L,
          speed,
          maxWait.toSeconds());
      stats.note(cutLabel);
      wait = maxWait.toNanos();
    } else if (wait > LOG_WAIT_NANOS) {
      LOG.info(
          "next post (createdAt {}) is due in {} s at --speed={}",
          createdAt,
          wait / 1_000_000_000L,
          speed);
    }
    if (wait > 0) {
      sleeper.sleepNanos(wait);
    }
    if (cut) {
      // The gap is cut, not the schedule: later posts keep their pace relative to this one.
      firstCreatedAt = createdAt;
      firstSentNanos = nanoTime.getAsLong();
    }
    return !stopRequested.getAsBoolean();
  }

  /**
   * Nanoseconds to wait before sending a post created at {@code createdAt}, when the first post
   * (created at {@code firstCreatedAt}) was sent at {@code firstSentNanos} and it is now {@code
   * nowNanos}; 0 when it is already due.
   */
  static long nanosUntilDue(
      Instant firstCreatedAt, long firstSentNanos, Instant createdAt, double speed, long nowNanos) {
    double gapNanos;
    try {
      gapNanos = Duration.between(firstCreatedAt, createdAt).toNanos();
    } catch (ArithmeticException e) {
      // Centuries apart: not a meaningful pace; send at once rather than sleep forever.
      return 0;
    }
    double dueOffset = gapNanos / speed;
    double wait = firstSentNanos + dueOffset - nowNanos;
    if (wait <= 0) {
      return 0;
    }
    return wait >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) wait;
  }

  /**
   * The file's lines, decompressed when it is gzip: named {@code .gz}, or starting with gzip's
   * magic bytes (1f 8b), which no line of JSON can start with. A gzip file without its extension
   * was read as one line of binary and became one dead letter.
   */
  private static InputStream open(Path file) throws IOException {
    InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 64 * 1024);
    in.mark(2);
    boolean magic = in.read() == 0x1f && in.read() == 0x8b;
    in.reset();
    return magic || file.getFileName().toString().endsWith(".gz")
        ? new GZIPInputStream(in, 64 * 1024)
        : in;
  }
}
