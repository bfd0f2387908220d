package io.courtside.services.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few calls of Flink's REST API that Courtside makes (cluster overview, jobs, checkpoints,
 * stop-with-savepoint, cancel). Hand-written on the JDK's HTTP client because Flink's own
 * RestClusterClient would put Flink on the CLI's classpath, which is kept Flink-free (Flink runs in
 * JVMs of its own).
 */
public final class FlinkRest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final String base;
  private final HttpClient http;

  /**
   * @param address {@code host:port} of the JobManager's REST endpoint
   */
  public FlinkRest(String address) {
    this.base = "http://" + address;
    this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  /** A job as {@code /jobs/overview} lists it. */
  public record Job(String id, String name, String state, Instant startedAt) {
    public boolean isTerminal() {
      return List.of("FINISHED", "CANCELED", "FAILED").contains(state);
    }
  }

  /** {@code GET /overview}: taskmanagers, slots-total, slots-available, jobs-running, ... */
  public JsonNode overview() throws IOException {
    return get("/overview");
  }

  /** Resource ids of the TaskManagers registered with the JobManager. */
  public List<String> taskManagers() throws IOException {
    List<String> ids = new ArrayList<>();
    get("/taskmanagers").path("taskmanagers").forEach(tm -> ids.add(tm.path("id").asText()));
    return ids;
  }

  public List<Job> jobs() throws IOException {
    List<Job> jobs = new ArrayList<>();
    for (JsonNode j : get("/jobs/overview").path("jobs")) {
      jobs.add(
          new Job(
              j.path("jid").asText(),
              j.path("name").asText(),
              j.path("state").asText(),
              Instant.ofEpochMilli(j.path("start-time").asLong())));
    }
    return jobs;
  }

  /** The newest job called {@code name}. */
  public Optional<Job> job(String name) throws IOException {
    return jobs().stream()
        .filter(j -> j.name().equals(name))
        .max(java.util.Comparator.comparing(Job::startedAt));
  }

  /** Checkpoints completed by the job so far ({@code /jobs/ID/checkpoints}, counts.completed). */
  public long completedCheckpoints(String jobId) throws IOException {
    return get("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong();
  }

  /**
   * True when the job and every task of it run ({@code /jobs/ID}: state and each vertex's status):
   * a savepoint can be taken. Right after a failover the job is RUNNING while its tasks still
   * deploy.
   */
  public boolean allTasksRunning(String jobId) throws IOException {
    JsonNode job = get("/jobs/" + jobId);
    if (!"RUNNING".equals(job.path("state").asText())) {
      return false;
    }
    for (JsonNode v : job.path("vertices")) {
      if (!"RUNNING".equals(v.path("status").asText())) {
        return false;
      }
    }
    return job.path("vertices").size() > 0;
  }

  /** Restarts of the job so far ({@code /jobs/ID/checkpoints}, counts.restored). */
  public long restoredCheckpoints(String jobId) throws IOException {
    return get("/jobs/" + jobId + "/checkpoints").path("counts").path("restored").asLong();
  }

  /**
   * Stops the job with a savepoint ({@code POST /jobs/ID/stop}, no drain: windows stay open in the
   * savepoint) and waits for it; returns the savepoint's path.
   *
   * @param targetDirectory null: the cluster's {@code state.savepoints.dir}
   */
  public String stopWithSavepoint(String jobId, String targetDirectory, Duration timeout)
      throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode().put("drain", false);
    if (targetDirectory != null) {
      body.put("targetDirectory", targetDirectory);
    }
    String trigger = send("POST", "/jobs/" + jobId + "/stop", body).path("request-id").asText();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      JsonNode st = get("/jobs/" + jobId + "/savepoints/" + trigger);
      if ("COMPLETED".equals(st.path("status").path("id").asText())) {
        JsonNode op = st.path("operation");
        if (op.has("failure-cause")) {
          throw new FlinkException(
              "The savepoint of job "
                  + jobId
                  + " failed: "
                  + op.path("failure-cause")
                      .path("stack-trace")
                      .asText()
                      .lines()
                      .findFirst()
                      .orElse("(no cause given)"));
        }
        return op.path("location").asText();
      }
      Thread.sleep(250);
    }
    throw new FlinkException(
        "The savepoint of job " + jobId + " did not complete within " + timeout);
  }

  /** {@code PATCH /jobs/ID?mode=cancel}. */
  public void cancel(String jobId) throws IOException {
    send("PATCH", "/jobs/" + jobId + "?mode=cancel", null);
  }

  private JsonNode get(String path) throws IOException {
    return send("GET", path, null);
  }

  private JsonNode send(String method, String path, JsonNode body) throws IOException {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .method(method, publisher)
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling " + base + path, e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new IOException(
          method + " " + base + path + ": HTTP " + response.statusCode() + " " + response.body());
    }
    String text = response.body();
    return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
  }
}
