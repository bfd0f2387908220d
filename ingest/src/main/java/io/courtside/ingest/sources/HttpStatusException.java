package io.courtside.ingest.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A non-success HTTP answer, classified the way every live source reacts to it (see {@link
 * Reconnector}): 401/403 mean the credentials are wrong, 429 (and X's old 420) mean wait, 5xx and
 * 408 are transient, and any other 4xx is a request we build wrongly.
 */
public final class HttpStatusException extends Exception {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_DETAIL = 300;

  private final int status;
  private final String detail;
  private final transient HttpHeaders headers;

  /**
   * @param body the response body, from which a short explanation is taken (never the request, so
   *     no credentials)
   */
  public HttpStatusException(int status, String body, HttpHeaders headers) {
    this(status, redirectOr(status, body, headers), headers, true);
  }

  private HttpStatusException(int status, String detail, HttpHeaders headers, boolean unused) {
    super("HTTP " + status + detail);
    this.status = status;
    this.detail = detail;
    this.headers = headers;
  }

  public int status() {
    return status;
  }

  /** The server's explanation, prefixed by ": ", or empty. */
  public String detail() {
    return detail;
  }

  public boolean unauthorized() {
    return status == 401 || status == 403;
  }

  public boolean rateLimited() {
    return status == 429 || status == 420;
  }

  public boolean transientError() {
    return status >= 500 || rateLimited() || status == 408;
  }

  /**
   * When the rate limit resets: X sends epoch seconds in {@code x-rate-limit-reset}, Mastodon an
   * ISO instant in {@code X-RateLimit-Reset}.
   */
  public Optional<Instant> rateLimitReset() {
    if (headers == null) {
      return Optional.empty();
    }
    for (String name : new String[] {"x-rate-limit-reset", "x-ratelimit-reset"}) {
      Optional<String> value = headers.firstValue(name);
      if (value.isEmpty()) {
        continue;
      }
      String v = value.get().strip();
      try {
        return Optional.of(Instant.ofEpochSecond(Long.parseLong(v)));
      } catch (NumberFormatException e) {
        try {
          return Optional.of(Instant.parse(v));
        } catch (DateTimeParseException e2) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /** A redirect says where to go instead: that is the useful part of it. */
  private static String redirectOr(int status, String body, HttpHeaders headers) {
    if (status >= 300 && status < 400 && headers != null) {
      Optional<String> location = headers.firstValue("location");
      if (location.isPresent()) {
        return ": redirected to " + location.get();
      }
    }
    return explain(body);
  }

  /** X and Mastodon both answer errors in JSON: pick the human-readable fields. */
  private static String explain(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String text = body.strip();
    try {
      JsonNode root = MAPPER.readTree(text);
      StringBuilder s = new StringBuilder();
      for (String field :
          new String[] {"title", "detail", "error", "error_description", "reason"}) {
        if (root.path(field).isTextual()) {
          s.append(s.length() == 0 ? "" : " - ").append(root.get(field).textValue());
        }
      }
      if (s.length() == 0 && root.path("errors").isArray() && root.get("errors").size() > 0) {
        JsonNode first = root.get("errors").get(0);
        s.append(first.path("title").asText(first.path("message").asText("")));
      }
      if (s.length() > 0) {
        text = s.toString();
      }
    } catch (IOException e) {
      // Not JSON (an HTML error page from a proxy): keep the start of it.
    }
    text = text.replaceAll("\\s+", " ");
    return ": " + (text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) + "..." : text);
  }
}
