package io.courtside.model;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzing of the one JSON codec: any bytes either parse to a post or are refused with a reason
 * (never another exception), a parsed post is stored exactly as it came (its strings survive UTF-8,
 * which every later step and Kafka key uses), and every post round-trips. Tries are bounded in the
 * test command; {@code -Djqwik.tries.default=100000} runs longer (CONTRIBUTING.md).
 */
class PostJsonProperties {

  @Property
  void anyBytesParseOrAreRefusedWithAReason(@ForAll("hostileRecords") byte[] record) {
    try {
      assertStoredAsItCame(PostJson.parse(record));
    } catch (InvalidPostException e) {
      assertFalse(e.getMessage().isBlank());
    }
  }

  @Property
  void aParsedPostKeepsEveryStringAsItCame(@ForAll("postsWithEscapes") String json) {
    try {
      Post post = PostJson.parse(json);
      assertStoredAsItCame(post);
      assertEquals(post, PostJson.parse(PostJson.toBytes(post)));
    } catch (InvalidPostException e) {
      assertFalse(e.getMessage().isBlank());
    }
  }

  @Property
  void everyPostRoundTrips(@ForAll("posts") Post post) throws Exception {
    assertEquals(post, PostJson.parse(PostJson.toBytes(post)));
  }

  /**
   * What ingest sends for any post a source gave it, well-formed or not: the record reads back as
   * that very post, or is refused for its unpaired surrogate; and two posts with different ids
   * never get one Kafka key (ingest once wrote both lone-surrogate ids as "x?").
   */
  @Property
  void anyPostIsSentAsItCameOrRefusedAndIdsNeverMerge(
      @ForAll("anyPosts") Post a, @ForAll("anyPosts") Post b) {
    for (Post p : List.of(a, b)) {
      try {
        assertEquals(p, PostJson.parse(PostJson.toBytes(p)));
      } catch (InvalidPostException e) {
        assertTrue(
            e.getMessage(), e.getMessage().contains("is not valid Unicode: an unpaired surrogate"));
      }
    }
    if (!a.id().equals(b.id())) {
      assertFalse(java.util.Arrays.equals(PostJson.keyBytes(a.id()), PostJson.keyBytes(b.id())));
    }
  }

  @Example
  void twoLoneSurrogateIdsAreSentApartAndRefusedWithTheReason() {
    Instant t = Instant.parse("2026-05-20T01:02:03Z");
    Post a = new Post("x\ud800", t, "a", null, null, null, List.of());
    Post b = new Post("x\udfff", t, "b", null, null, null, List.of());
    anyPostIsSentAsItCameOrRefusedAndIdsNeverMerge(a, b);
    try {
      PostJson.parse(PostJson.toBytes(a));
      throw new AssertionError("accepted a lone surrogate id");
    } catch (InvalidPostException e) {
      assertEquals(
          "field 'id' is not valid Unicode: an unpaired surrogate \\ud800 at character 1",
          e.getMessage());
    }
  }

  /**
   * Found by {@link #aParsedPostKeepsEveryStringAsItCame}: two lone surrogates both became "?" in
   * UTF-8, so two different posts shared one id (one Kafka key, one InfluxDB point).
   */
  @Example
  void loneSurrogateIdsAreRefusedNotMerged() {
    String a = "{\"id\":\"x\\ud800\",\"createdAt\":\"2026-05-20T01:02:03Z\",\"text\":\"a\"}";
    String b = "{\"id\":\"x\\udfff\",\"createdAt\":\"2026-05-20T01:02:03Z\",\"text\":\"b\"}";
    for (String json : List.of(a, b)) {
      try {
        PostJson.parse(json);
        throw new AssertionError("accepted " + json);
      } catch (InvalidPostException e) {
        assertTrue(e.getMessage(), e.getMessage().startsWith("field 'id' is not valid Unicode"));
      }
    }
  }

  private static void assertStoredAsItCame(Post post) {
    List<String> strings = new java.util.ArrayList<>(List.of(post.id(), post.text()));
    for (String s : new String[] {post.lang(), post.author(), post.source()}) {
      if (s != null) {
        strings.add(s);
      }
    }
    strings.addAll(post.hashtags());
    for (String s : strings) {
      assertEquals(s, new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }
    assertNotEquals("", post.id().strip());
  }

  /** Valid posts, mangled: truncated, a byte flipped, or spliced with junk. */
  @Provide
  Arbitrary<byte[]> hostileRecords() {
    Arbitrary<byte[]> valid = posts().map(PostJson::toBytes);
    Arbitrary<byte[]> truncated =
        Combinators.combine(valid, Arbitraries.doubles().between(0, 1))
            .as((b, f) -> java.util.Arrays.copyOf(b, (int) (b.length * f)));
    Arbitrary<byte[]> flipped =
        Combinators.combine(valid, Arbitraries.integers().greaterOrEqual(0), Arbitraries.bytes())
            .as(
                (b, i, x) -> {
                  byte[] c = b.clone();
                  c[i % c.length] = x;
                  return c;
                });
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    return Arbitraries.oneOf(valid, truncated, flipped, random);
  }

  /** Post JSON whose strings are written with JSON escapes, lone surrogates included. */
  @Provide
  Arbitrary<String> postsWithEscapes() {
    Arbitrary<String> escaped =
        Arbitraries.oneOf(
                Arbitraries.chars()
                    .range('\u0000', '\uffff')
                    .map(c -> String.format("\\u%04x", (int) c)),
                Arbitraries.of("\\ud83c\\udfc0", "\\\"", "\\\\", "\\n", "a", "🏀", "é"))
            .list()
            .ofMaxSize(6)
            .map(parts -> String.join("", parts));
    return Combinators.combine(escaped, escaped, escaped, escaped)
        .as(
            (id, text, source, tag) ->
                "{\"id\":\"i"
                    + id
                    + "\",\"createdAt\":\"2026-05-20T01:02:03Z\",\"text\":\""
                    + text
                    + "\",\"source\":\""
                    + source
                    + "\",\"hashtags\":[\""
                    + tag
                    + "\"]}");
  }

  /**
   * Posts with any strings, unpaired surrogates included (what a source's JSON escapes can give).
   */
  @Provide
  Arbitrary<Post> anyPosts() {
    Arbitrary<String> text =
        Arbitraries.oneOf(
            Arbitraries.strings().all().ofMaxLength(6),
            Arbitraries.strings()
                .withChars("xé\ud800\udbff\udc00\udfff\ud83c\udfc0")
                .ofMaxLength(6));
    return Combinators.combine(
            text.filter(s -> !s.isBlank()), text, text.injectNull(0.3), text.list().ofMaxSize(2))
        .as(
            (id, body, source, tags) ->
                new Post(
                    id, Instant.parse("2026-05-20T01:02:03Z"), body, null, null, source, tags));
  }

  /** Posts with any valid Unicode in their strings. */
  @Provide
  Arbitrary<Post> posts() {
    Arbitrary<String> text =
        Arbitraries.strings().all().ofMaxLength(40).filter(PostJsonProperties::wellFormed);
    Arbitrary<String> optional = text.injectNull(0.3);
    Arbitrary<Instant> createdAt =
        Arbitraries.longs().between(-62_135_596_800L, 253_402_300_799L).map(Instant::ofEpochSecond);
    return Combinators.combine(
            text.filter(s -> !s.isBlank()),
            createdAt,
            text,
            optional,
            optional,
            optional,
            text.list().ofMaxSize(3))
        .as(Post::new);
  }

  private static boolean wellFormed(String s) {
    return s.equals(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
  }
}
