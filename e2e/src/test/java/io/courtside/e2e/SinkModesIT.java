package io.courtside.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.model.Post;
import io.courtside.pipeline.influx.InfluxCredentials;
import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.pipeline.influx.InfluxPreflight;
import io.courtside.pipeline.influx.InfluxTarget;
import io.courtside.pipeline.launch.PipelineLauncher;
import io.courtside.sentiment.Vader;
import io.courtside.services.stack.LocalStack;
import io.courtside.services.stack.StackConfig;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.junit.Test;

/**
 * The sink's production modes on real servers: v1 with authentication on influxd 1.6.7 (right
 * credentials write, also with a trailing newline or a BOM; wrong or garbled ones give one clear
 * error, and the secret shows nowhere), and v2 ({@code /api/v2/write}, token) on QuestDB, read back
 * through its SQL endpoint.
 */
public class SinkModesIT {
  private static final String ADMIN = "courtside_admin";

  @Test
  public void v1WithAuthWritesWithTheRightPasswordAndFailsOnceAndClearlyWithAWrongOne()
      throws Exception {
    Path state = Files.createTempDirectory("courtside-auth");
    String secret = "Rt-" + UUID.randomUUID();
    String wrong = "Wr-" + UUID.randomUUID();
    try (LocalStack stack = LocalStack.start(state, StackConfig.freePorts().withInfluxAuth(true))) {
      createAdmin(stack.influxUrl(), secret);
      aUserWhoMayNotCreateItsDatabaseIsToldAtLaunch(stack.influxUrl(), secret, state);
      String topic = "auth";
      Traffic.createTopic(stack.kafkaBootstrap(), topic);
      List<String> args =
          JobArgs.of(stack, topic, "db_auth", "--influxUser=" + ADMIN, "--earlyFiringPeriod=1s");

      // Wrong password, from the environment: one clear error, no retries, exit.
      Path wrongLog = state.resolve("logs/pipeline-wrong.log");
      String output;
      try (PipelineJvm job = PipelineJvm.start(wrongLog, Map.of("INFLUX_PASSWORD", wrong), args)) {
        assertNoSecretInProcessList(job.pid(), wrong);
        Integer exit = job.awaitExit(Duration.ofSeconds(90));
        output = job.output();
        assertNotNull("still running with wrong credentials:\n" + job.outputTail(), exit);
        assertNotEquals(0, (int) exit);
      }
      assertTrue(output, output.contains("answered 401"));
      assertEquals(output, 1, occurrences(output, "the credentials were refused"));
      assertFalse(output, output.contains("retrying"));
      assertFalse("the wrong password leaked into the output", output.contains(wrong));

      // A control character inside the password: refused with the flags (exit 2, as a bad flag),
      // before any request, in one line that shows no part of it.
      String head = secret.substring(0, 12);
      String tail = secret.substring(12);
      try (PipelineJvm job =
          PipelineJvm.start(
              state.resolve("logs/pipeline-garbled.log"),
              Map.of("INFLUX_PASSWORD", head + "\u001b[0m" + tail),
              args)) {
        Integer exit = job.awaitExit(Duration.ofSeconds(90));
        output = job.output();
        assertNotNull("still running with a garbled password:\n" + job.outputTail(), exit);
        assertEquals(output, 2, (int) exit);
      }
      assertEquals(
          output, 1, occurrences(output, "INFLUX_PASSWORD holds a control or invisible character"));
      assertFalse(
          "part of the password leaked:\n" + output,
          output.contains(head) || output.contains(tail));

      // Right password from the environment with a trailing newline (the classic Kubernetes
      // secret mistake): the job writes. This test reads back with the same password from a file
      // that an editor saved with a UTF-8 BOM and CRLF.
      Path passwordFile = state.resolve("influx-password");
      Files.write(passwordFile, ("\uFEFF" + secret + "\r\n").getBytes(StandardCharsets.UTF_8));
      List<Post> posts =
          TestPosts.posts(
              "a-", 300, Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS), 100, 51);
      InfluxTarget target =
          new InfluxTarget(
              InfluxTarget.Api.V1,
              stack.influxUrl(),
              "db_auth",
              null,
              null,
              ADMIN,
              passwordFile.toString(),
              null,
              false);
      InfluxDbClient influx = new InfluxDbClient(target, InfluxCredentials.header(target));
      try (PipelineJvm job =
          PipelineJvm.start(
              state.resolve("logs/pipeline-right.log"),
              Map.of("INFLUX_PASSWORD", secret + "\n"),
              args)) {
        assertNoSecretInProcessList(job.pid(), secret);
        Traffic.send(stack.kafkaBootstrap(), topic, Traffic.of(posts));
        Expected.awaitPosts(influx, posts.size(), Duration.ofSeconds(120));
        assertTrue(job.outputTail(), job.isAlive());
      }
      // Neither secret in any log of the run (the password file itself excepted).
      try (Stream<Path> files = Files.walk(state)) {
        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
          if (f.equals(passwordFile) || f.toString().contains("/influxdb/")) {
            continue; // the secret's own file; influxd's data files (a bcrypt hash at most)
          }
          String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
          assertFalse(
              "secret found in " + f,
              text.contains(secret)
                  || text.contains(wrong)
                  || text.contains(head)
                  || text.contains(tail));
        }
      }
    } finally {
      TempDirs.delete(state);
    }
  }

  @Test
  public void v2WritesToQuestDbAndReadsBackTheSameValues() throws Exception {
    Path state = Files.createTempDirectory("courtside-v2");
    try (QuestDb quest = QuestDb.start(state.resolve("questdb"));
        LocalStack stack =
            LocalStack.start(
                state.resolve("stack"),
                StackConfig.freePorts().withExternalInfluxUrl(quest.url()))) {
      String topic = "v2";
      Path token = state.resolve("token");
      // Saved with a UTF-8 BOM and CRLF: without cleaning, the HTTP client refuses the header.
      Files.write(
          token, ("\uFEFFtk-" + UUID.randomUUID() + "\r\n").getBytes(StandardCharsets.UTF_8));
      List<Post> posts =
          new ArrayList<>(
              TestPosts.posts(
                  "q-",
                  500,
                  Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS),
                  100,
                  61));
      List<String> nasty = AdversarialInputIT.nastyTexts();
      for (int i = 0; i < nasty.size(); i++) {
        Post p = posts.get(i * 37);
        posts.set(
            i * 37,
            new Post(
                p.id(), p.createdAt(), nasty.get(i), p.lang(), p.author(), p.source(), List.of()));
      }
      Traffic.createTopic(stack.kafkaBootstrap(), topic);
      PipelineResult job =
          PipelineLauncher.start(
              PipelineLauncher.parse(
                  new String[] {
                    "--bootstrapServers=" + stack.kafkaBootstrap(),
                    "--topic=" + topic,
                    "--influxApi=v2",
                    "--influxUrl=" + quest.url(),
                    "--influxOrg=courtside",
                    "--influxBucket=courtside",
                    "--influxTokenFile=" + token,
                    "--influxNewlines=escaped",
                    "--earlyFiringPeriod=1s",
                    "--enforceImmutability=false",
                    "--enforceEncodability=false",
                    "--blockOnRun=false"
                  }));
      try {
        Traffic.send(stack.kafkaBootstrap(), topic, Traffic.of(posts));
        Expected.await(
            "all posts in QuestDB",
            Duration.ofSeconds(120),
            () -> questCount(quest) == posts.size());
        Vader vader = Vader.standard();
        Map<String, JsonNode> stored = new HashMap<>();
        for (JsonNode row : quest.rows("select id, compound, text, polarity from post_sentiment")) {
          assertEquals("stored twice: " + row, null, stored.put(row.get("id").asText(), row));
        }
        for (Post p : posts) {
          JsonNode row = stored.get(p.id());
          assertNotNull("missing " + p.id(), row);
          assertEquals(
              p.id(),
              vader.polarityScores(p.text()).compound(),
              row.get("compound").asDouble(),
              0.0);
          assertEquals("text of " + p.id(), p.text(), row.get("text").asText());
        }
        assertEquals(PipelineResult.State.RUNNING, job.getState());
      } finally {
        job.cancel();
      }
    } finally {
      TempDirs.delete(state);
    }
  }

  private static long questCount(QuestDb quest) {
    try {
      return quest.rows("select count() c from post_sentiment").get(0).get("c").asLong();
    } catch (Exception notYet) {
      return -1; // the table is created by the first write
    }
  }

  /** With auth on, influxd lets the very first request create an admin user. */
  /**
   * A non-admin user (CREATE DATABASE answers 403) is told its database is missing, never ignored.
   */
  private static void aUserWhoMayNotCreateItsDatabaseIsToldAtLaunch(
      String url, String adminPassword, Path state) throws Exception {
    String password = "Us-" + UUID.randomUUID();
    asAdmin(url, adminPassword, "CREATE USER writer WITH PASSWORD '" + password + "'");
    Path file = state.resolve("writer-password");
    Files.writeString(file, password);
    InfluxTarget writer =
        new InfluxTarget(
            InfluxTarget.Api.V1,
            url,
            "db_writer",
            null,
            null,
            "writer",
            file.toString(),
            null,
            false);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> InfluxPreflight.check(writer));
    assertTrue(
        e.getMessage(),
        e.getMessage().contains("db_writer does not exist and user writer may not create it"));
    assertFalse(e.getMessage(), e.getMessage().contains(password));
    // Once an admin created it and granted WRITE, the same check (its empty write included) passes.
    asAdmin(url, adminPassword, "CREATE DATABASE db_writer");
    asAdmin(url, adminPassword, "GRANT WRITE ON db_writer TO writer");
    InfluxPreflight.check(writer);
  }

  private static void asAdmin(String url, String adminPassword, String q) throws Exception {
    String basic =
        java.util.Base64.getEncoder()
            .encodeToString((ADMIN + ":" + adminPassword).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            url + "/query?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                    .header("Authorization", "Basic " + basic)
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(r.body(), 200, r.statusCode());
    assertFalse(r.body(), r.body().contains("\"error\""));
  }

  private static void createAdmin(String url, String password) throws Exception {
    String q = "CREATE USER " + ADMIN + " WITH PASSWORD '" + password + "' WITH ALL PRIVILEGES";
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            url + "/query?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(r.body(), 200, r.statusCode());
  }

  /** What {@code ps} shows of the job: its command line must not hold the secret. */
  private static void assertNoSecretInProcessList(long pid, String secret) throws Exception {
    String cmdline =
        Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.UTF_8);
    assertFalse("secret in the command line", cmdline.contains(secret));
    Process ps = new ProcessBuilder("ps", "-eo", "pid,args").redirectErrorStream(true).start();
    String all = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    ps.waitFor();
    assertTrue(all.contains(Long.toString(pid)) || all.length() > 0);
    assertFalse("secret visible in ps", all.contains(secret));
  }

  private static int occurrences(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
