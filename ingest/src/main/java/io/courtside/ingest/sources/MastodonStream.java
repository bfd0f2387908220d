package io.courtside.ingest.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.ingest.IngestException;
import io.courtside.ingest.PostSource;
import io.courtside.ingest.RecordSink;
import io.courtside.ingest.SourceStats;
import io.courtside.ingest.StopSignal;
import io.courtside.ingest.formats.Mapped;
import io.courtside.ingest.formats.MastodonStatuses;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mastodon hashtag streams over Server-Sent Events ({@code GET /api/v1/streaming/hashtag?tag=}),
 * one connection per {@code --track} tag, each on its own thread with its own {@link Reconnector}.
 * {@code update} events carry a Status and become posts; {@code delete} (a status id) and other
 * events are counted and ignored; heartbeats only keep the stall timer quiet. A status with two
 * tracked tags arrives on both streams: it is produced once.
 */
public final class MastodonStream implements PostSource {
  private static final Logger LOG = LoggerFactory.getLogger(MastodonStream.class);
  public static final URI DEFAULT_INSTANCE = URI.create("https://mastodon.social");
  static final String STREAM_PATH = "/api/v1/streaming/hashtag";
  static final String CREDENTIALS_HINT =
      "check MASTODON_ACCESS_TOKEN or --mastodonTokenFile (a"
          + " user access token of this instance; streaming needs one since Mastodon 4.2)";
  private static final int SEEN_CAPACITY = 10_000;
  static final String OVERSIZE = "oversize event";

  /**
   * @param instance e.g. {@code https://mastodon.social}; its host goes into post ids
   * @param tags hashtags without '#'
   * @param stallTimeout reconnect when not even a heartbeat arrives for this long
   * @param maxLineBytes longest line, and most characters of one event's data; larger events are
   *     skipped and counted
   */
  public record Config(
      URI instance, List<String> tags, Secret token, Duration stallTimeout, int maxLineBytes) {
    public static Config defaults(URI instance, List<String> tags, Secret token) {
      // Mastodon sends a heartbeat comment about every 10 s.
      return new Config(instance, tags, token, Duration.ofSeconds(60), 1 << 20);
    }
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Config config;
  private final HttpClient client;
  private final Reconnector.Timing timing;
  private final SourceStats stats = new SourceStats();

  /** Ids of recent posts, oldest first, to produce a post arriving on two tag streams once. */
  private final Set<String> seen =
      Collections.newSetFromMap(
          new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
              return size() > SEEN_CAPACITY;
            }
          });

  private final AtomicLong heartbeats = new AtomicLong();

  public MastodonStream(Config config, HttpClient client, Reconnector.Timing timing) {
    this.config = config;
    this.client = client;
    this.timing = timing;
  }

  @Override
  public SourceStats stats() {
    return stats;
  }

  public long heartbeats() {
    return heartbeats.get();
  }

  @Override
  public void run(RecordSink sink, StopSignal stop) throws IngestException, InterruptedException {
    StopSignal local = new StopSignal(); // ends every tag stream when one fails for good
    ExecutorService threads =
        Executors.newFixedThreadPool(
            config.tags().size(),
            r -> {
              Thread t = new Thread(r, "courtside-ingest-mastodon");
              t.setDaemon(true);
              return t;
            });
    List<Future<Void>> streams = new ArrayList<>();
    for (String tag : config.tags()) {
      Reconnector reconnector =
          new Reconnector("Mastodon #" + tag + " stream", CREDENTIALS_HINT, timing, stats);
      streams.add(
          threads.submit(
              () -> {
                reconnector.run(connected -> stream(tag, sink, local, connected), local);
                return null;
              }));
    }
    try {
      awaitAll(streams, stop, local);
    } finally {
      local.requestStop();
      threads.shutdownNow();
      threads.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  /** Waits for the tag streams, passing a stop on to them and the first fatal error out. */
  private static void awaitAll(List<Future<Void>> streams, StopSignal stop, StopSignal local)
      throws IngestException, InterruptedException {
    for (Future<Void> stream : streams) {
      while (true) {
        if (stop.isStopped()) {
          local.requestStop();
        }
        try {
          stream.get(100, TimeUnit.MILLISECONDS);
          break;
        } catch (TimeoutException e) {
          // keep waiting
        } catch (ExecutionException e) {
          local.requestStop();
          if (e.getCause() instanceof IngestException fatal) {
            throw fatal;
          }
          throw new IngestException("Mastodon stream failed: " + e.getCause(), e.getCause());
        }
      }
    }
  }

  private void stream(String tag, RecordSink sink, StopSignal stop, Runnable connected)
      throws IOException, HttpStatusException, InterruptedException {
    URI uri =
        URI.create(
            config.instance().toString().replaceAll("/+$", "")
                + STREAM_PATH
                + "?tag="
                + URLEncoder.encode(tag, StandardCharsets.UTF_8));
    InputStream body = StreamingGet.open(client, uri, config.token(), "text/event-stream");
    LOG.info("Mastodon #{} stream connected", tag);
    connected.run();
    try (StreamWatchdog watchdog = new StreamWatchdog(body, config.stallTimeout(), stop);
        SseReader events =
            new SseReader(
                watchdog.stream(),
                config.maxLineBytes(),
                heartbeats::incrementAndGet,
                this::oversize)) {
      try {
        SseReader.Event event;
        while (!stop.isStopped() && (event = events.next()) != null) {
          handle(event, sink);
        }
      } catch (IOException e) {
        throw watchdog.explain(e, "event or heartbeat");
      }
    }
  }

  private void oversize() {
    stats.received();
    stats.skipped(OVERSIZE);
  }

  private void handle(SseReader.Event event, RecordSink sink) {
    stats.received();
    switch (event.type()) {
      case "update" -> update(event.data(), sink);
      case "delete" -> stats.skipped("Mastodon delete"); // a post already produced stays produced
      default -> stats.skipped("Mastodon " + event.type() + " event");
    }
  }

  private void update(String data, RecordSink sink) {
    JsonNode status;
    try {
      status = MAPPER.readTree(data);
    } catch (IOException e) {
      stats.skipped("not JSON");
      return;
    }
    Mapped mapped = MastodonStatuses.map(status, config.instance().getHost());
    if (!mapped.isPost()) {
      stats.skipped(mapped.reason());
      return;
    }
    synchronized (seen) {
      if (!seen.add(mapped.post().id())) {
        stats.skipped("already produced from another tag stream");
        return;
      }
    }
    sink.post(mapped.post());
    stats.posted();
  }
}
