package io.courtside.ingest.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.courtside.ingest.IngestException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the filtered stream's rules equal to {@code --track}: adds the missing ones and deletes the
 * stale ones. Rules belong to the app, not to the connection, so a rule left over from an earlier
 * run would keep feeding its posts into this one.
 */
final class XRules {
  private static final Logger LOG = LoggerFactory.getLogger(XRules.class);
  static final String PATH = "/2/tweets/search/stream/rules";
  private static final String TAG = "courtside";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpClient client;
  private final URI rulesUri;
  private final Secret token;
  private final Duration timeout;

  XRules(HttpClient client, URI apiBase, Secret token, Duration timeout) {
    this.client = client;
    this.rulesUri = apiBase.resolve(PATH);
    this.token = token;
    this.timeout = timeout;
  }

  /** Brings the rules in line with {@code wanted}; returns what was added and deleted. */
  String sync(List<String> wanted)
      throws IOException, HttpStatusException, InterruptedException, IngestException {
    Map<String, String> current = current(); // value -> id
    Set<String> missing = new LinkedHashSet<>(wanted);
    missing.removeAll(current.keySet());
    List<String> staleIds = new ArrayList<>();
    current.forEach(
        (value, id) -> {
          if (!wanted.contains(value)) {
            staleIds.add(id);
          }
        });
    if (!staleIds.isEmpty()) {
      ObjectNode body = MAPPER.createObjectNode();
      staleIds.forEach(body.putObject("delete").putArray("ids")::add);
      check(post(body), "delete");
    }
    if (!missing.isEmpty()) {
      ObjectNode body = MAPPER.createObjectNode();
      var add = body.putArray("add");
      missing.forEach(value -> add.addObject().put("value", value).put("tag", TAG));
      check(post(body), "add");
    }
    String summary =
        "rules: "
            + wanted.size()
            + " in force, "
            + missing.size()
            + " added, "
            + staleIds.size()
            + " stale deleted";
    LOG.info("X filtered stream {}", summary);
    return summary;
  }

  /** The app's rules, value to id. */
  private Map<String, String> current()
      throws IOException, HttpStatusException, InterruptedException {
    HttpResponse<String> response =
        client.send(request().GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new HttpStatusException(response.statusCode(), response.body(), response.headers());
    }
    Map<String, String> rules = new TreeMap<>();
    for (JsonNode rule : MAPPER.readTree(response.body()).path("data")) {
      rules.put(rule.path("value").asText(), rule.path("id").asText());
    }
    return rules;
  }

  private JsonNode post(ObjectNode body)
      throws IOException, HttpStatusException, InterruptedException {
    HttpResponse<String> response =
        client.send(
            request()
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    int status = response.statusCode();
    if (status == 400 && response.body() != null && response.body().contains("\"errors\"")) {
      return MAPPER.readTree(response.body()); // invalid rule values: reported by check()
    }
    if (status != 200 && status != 201) {
      throw new HttpStatusException(status, response.body(), response.headers());
    }
    return MAPPER.readTree(response.body());
  }

  /** Invalid rules are the user's to fix: say which and why, and stop. */
  private static void check(JsonNode answer, String action) throws IngestException {
    JsonNode summary = answer.path("meta").path("summary");
    boolean failed =
        summary.path("invalid").asInt(0) > 0
            || summary.path("not_created").asInt(0) > 0
            || summary.path("not_deleted").asInt(0) > 0;
    JsonNode errors = answer.path("errors");
    if (!failed && errors.isEmpty()) {
      return;
    }
    List<String> reasons = new ArrayList<>();
    for (JsonNode e : errors) {
      String value = e.path("value").asText("");
      String details =
          e.path("details").isArray() && e.path("details").size() > 0
              ? e.path("details").get(0).asText()
              : e.path("title").asText("");
      // A duplicate rule is already in force: that is what we wanted.
      if (e.path("title").asText("").equals("DuplicateRule")) {
        continue;
      }
      reasons.add((value.isEmpty() ? "" : "'" + value + "': ") + details);
    }
    if (!reasons.isEmpty() || failed && errors.isEmpty()) {
      throw new IngestException(
          "X rejected the stream rules ("
              + action
              + "): "
              + (reasons.isEmpty() ? answer.toString() : String.join("; ", reasons))
              + ". Fix --track; see X's filtered stream rule syntax.");
    }
  }

  private HttpRequest.Builder request() {
    return HttpRequest.newBuilder(rulesUri)
        .timeout(timeout)
        .header("Authorization", token.authorizationHeader())
        .header("User-Agent", StreamingGet.USER_AGENT);
  }
}
