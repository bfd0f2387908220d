package io.courtside.pipeline.influx;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.courtside.model.Post;
import io.courtside.pipeline.score.ScoredPost;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.Test;

/**
 * A post_sentiment point's identity (series key and time) is the post id and createdAt's second,
 * nothing else: an edit overwrites, and a burst of posts in one second all stay.
 */
public class PostPointIdentityTest {
  private static final Instant SECOND = Instant.parse("2026-05-20T01:02:03Z");
  private static final int BURST = 20_000;

  private static String line(
      String id, Instant createdAt, String text, String source, double compound) {
    Post post = new Post(id, createdAt, text, "en", "fan", source, List.of());
    return InfluxSchema.postLine(
        new ScoredPost(post, compound, 0.1, 0.6, 0.3), createdAt.plusMillis(250));
  }

  private static long time(String line) {
    return Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
  }

  /** What InfluxDB keys a point by: its series and its time. */
  private static String identity(String line) {
    return InfluxSchema.seriesKey(line) + " @" + time(line);
  }

  @Test
  public void anEditedPostIsTheSamePointWhateverChanged() {
    String first =
        line("1790000000000000001", SECOND.plusMillis(20), "great win", "synthetic", 0.8);
    String edited =
        line("1790000000000000001", SECOND.plusMillis(980), "terrible loss", "bluesky", -0.7);
    assertTrue(first, first.contains("polarity=\"positive\""));
    assertTrue(edited, edited.contains("polarity=\"negative\""));
    assertTrue(edited, edited.contains("source=\"bluesky\""));
    assertEquals(identity(first), identity(edited));
    // Another id in the same second is another point.
    assertNotEquals(
        identity(first),
        identity(line("1790000000000000002", SECOND, "great win", "synthetic", 0.8)));
  }

  @Test
  public void anEditThatMovesCreatedAtToAnotherSecondMovesThePoint() {
    String first = line("p", SECOND.plusMillis(999), "a", "x", 0);
    String moved = line("p", SECOND.plusMillis(1000), "a", "x", 0);
    assertEquals(InfluxSchema.seriesKey(first), InfluxSchema.seriesKey(moved));
    assertEquals(1_000_000_000L, time(moved) - time(first));
  }

  @Test
  public void twentyThousandSequentialSnowflakeIdsInOneSecondAreAllDistinct() {
    long base = 1_790_000_000_000_000_000L;
    assertBurstDistinct(i -> Long.toString(base + i));
    // Snowflake layout: milliseconds << 22 | worker << 12 | sequence, a thousand ids per
    // millisecond.
    long ms = SECOND.toEpochMilli() - 1_288_834_974_657L;
    assertBurstDistinct(i -> Long.toString(((ms + i / 1000) << 22) | (7L << 12) | (i % 1000)));
  }

  @Test
  public void twentyThousandRandomStringIdsInOneSecondAreAllDistinct() {
    Random random = new Random(20_000);
    String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    assertBurstDistinct(
        i -> {
          StringBuilder id = new StringBuilder("at://did:plc:");
          for (int c = 0; c < 24; c++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
          }
          return id.toString();
        });
  }

  /**
   * {@link #BURST} ids with one createdAt (X gives whole seconds): as many identities as ids,
   * nearly every shard used (4096 of them, ~4,065 expected in 20,000 draws: a constant shard
   * fails), and distinct times (a shard alone could not keep them apart).
   */
  private static void assertBurstDistinct(IntFunction<String> ids) {
    Set<String> idSet = new HashSet<>();
    Set<String> identities = new HashSet<>();
    Set<String> shards = new HashSet<>();
    Set<Long> times = new HashSet<>();
    for (int i = 0; i < BURST; i++) {
      String id = ids.apply(i);
      idSet.add(id);
      String line = line(id, SECOND, "text " + i, "x", 0.1);
      assertEquals(line, SECOND.getEpochSecond(), time(line) / 1_000_000_000L);
      identities.add(identity(line));
      shards.add(InfluxSchema.seriesKey(line));
      times.add(time(line));
    }
    assertEquals(BURST, idSet.size());
    assertEquals(BURST, identities.size());
    assertTrue("shards used: " + shards.size(), shards.size() > 4000);
    assertTrue("distinct times: " + times.size(), times.size() > BURST - 10);
  }

  @Test
  public void anyTextAndSourceEncodeToExactlyOnePoint() {
    Random random = new Random(42);
    String[] pieces = {
      "a",
      "Z",
      " ",
      "  ",
      ",",
      "=",
      "\"",
      "\\",
      "\n",
      "\r",
      "\t",
      "\r\n",
      "🏀",
      "é",
      "\u202e",
      "\u0000",
      "x=1",
      " 1234567890",
      "post_sentiment,shard=000 ",
      "\\\"",
      "\\\n"
    };
    for (int n = 0; n < 5_000; n++) {
      String text = randomText(random, pieces);
      String id = randomText(random, pieces);
      String source = random.nextBoolean() ? randomText(random, pieces) : "Bluesky";
      Instant createdAt = SECOND.plusMillis(random.nextInt(1000));
      String line =
          line(id.isEmpty() ? "id" : id, createdAt, text, source, random.nextDouble() * 2 - 1);
      assertOnePoint(line);
      assertTrue(line, InfluxSchema.seriesKey(line).matches("post_sentiment,shard=[0-9a-f]{3}"));
      assertEquals(line, SECOND.getEpochSecond(), time(line) / 1_000_000_000L);
    }
  }

  private static String randomText(Random random, String[] pieces) {
    StringBuilder s = new StringBuilder();
    for (int i = random.nextInt(12); i > 0; i--) {
      s.append(pieces[random.nextInt(pieces.length)]);
    }
    return s.toString();
  }

  /**
   * Walks the line as InfluxDB's parser does: a backslash escapes the next character, double quotes
   * open and close a string field. Every newline must be inside quotes, the quotes must be
   * balanced, and the line must end with a space and the timestamp outside quotes.
   */
  private static void assertOnePoint(String line) {
    boolean quoted = false;
    int lastUnquotedSpace = -1;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == '\n' || c == '\r')) {
        throw new AssertionError("a line break outside quotes at " + i + ": " + line);
      } else if (!quoted && c == ' ') {
        lastUnquotedSpace = i;
      }
    }
    assertTrue("unbalanced quotes: " + line, !quoted);
    assertTrue(
        line, lastUnquotedSpace > 0 && line.substring(lastUnquotedSpace + 1).matches("\\d{19}"));
  }
}
