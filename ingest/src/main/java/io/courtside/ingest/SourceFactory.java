package io.courtside.ingest;

import io.courtside.ingest.sources.JetstreamSource;
import io.courtside.ingest.sources.MastodonStream;
import io.courtside.ingest.sources.Reconnector;
import io.courtside.ingest.sources.ReplaySource;
import io.courtside.ingest.sources.Secret;
import io.courtside.ingest.sources.XFilteredStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Builds the source that {@code --source} names, with its credentials and endpoints. */
final class SourceFactory {
  private SourceFactory() {}

  /**
   * @param env the process environment (tests pass their own map)
   * @param maxRecordBytes largest record the producer accepts, for replayed lines
   */
  static PostSource create(
      SourceOptions o, Map<String, String> env, StopSignal stop, int maxRecordBytes)
      throws IngestException {
    return switch (o.source) {
      case synthetic ->
          new SyntheticSource(
              o.seed != null ? o.seed : ThreadLocalRandom.current().nextLong(),
              o.rate == null ? SourceOptions.DEFAULT_RATE : o.rate);
      case replay ->
          new ReplaySource(
              o.file,
              o.speed,
              Duration.ofSeconds(o.maxWait),
              maxRecordBytes,
              System::nanoTime,
              stop,
              o.mastodonInstance.getHost());
      case x ->
          new XFilteredStream(
              XFilteredStream.Config.defaults(
                  o.xApiBase,
                  o.track,
                  Secret.load(
                      o.bearerTokenFile, SourceOptions.X_TOKEN_ENV, "--bearerTokenFile", env)),
              httpClient(),
              Reconnector.Timing.real(stop));
      case bluesky ->
          new JetstreamSource(
              JetstreamSource.Config.defaults(o.jetstreamUrl, o.track),
              httpClient(),
              Reconnector.Timing.real(stop));
      case mastodon ->
          new MastodonStream(
              MastodonStream.Config.defaults(
                  o.mastodonInstance,
                  o.mastodonTags(),
                  Secret.load(
                      o.mastodonTokenFile,
                      SourceOptions.MASTODON_TOKEN_ENV,
                      "--mastodonTokenFile",
                      env)),
              httpClient(),
              Reconnector.Timing.real(stop));
    };
  }

  /**
   * No redirects: a redirect would carry the token to another host. The connect timeout bounds each
   * attempt so that the reconnect loop, not the OS, decides how long to wait.
   */
  static HttpClient httpClient() {
    return HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }
}
