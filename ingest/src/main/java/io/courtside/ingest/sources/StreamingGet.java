package io.courtside.ingest.sources;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Opens a long-lived streaming GET (X's filtered stream, Mastodon's SSE stream): the body of a 200,
 * or an {@link HttpStatusException} carrying the status, the first 16 KB of the error body and the
 * headers (for 429's reset time), which {@link Reconnector} turns into a retry or a stop.
 */
final class StreamingGet {
  static final String USER_AGENT = "courtside-ingest";

  /** Until the response headers arrive; the body itself may last for days. */
  private static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(30);

  private StreamingGet() {}

  /**
   * @param accept the Accept header, or null for none
   */
  static InputStream open(HttpClient client, URI uri, Secret token, String accept)
      throws IOException, HttpStatusException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .header("Authorization", token.authorizationHeader())
            .header("User-Agent", USER_AGENT)
            .timeout(HEADERS_TIMEOUT)
            .GET();
    if (accept != null) {
      request.header("Accept", accept);
    }
    HttpResponse<InputStream> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() != 200) {
      String body;
      try (InputStream in = response.body()) {
        body = new String(in.readNBytes(16 * 1024), StandardCharsets.UTF_8);
      }
      throw new HttpStatusException(response.statusCode(), body, response.headers());
    }
    return response.body();
  }
}
