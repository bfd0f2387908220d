package io.courtside.ingest.formats;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.model.InvalidPostException;
import io.courtside.model.Post;
import io.courtside.model.PostJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzing of what replay does with a line: detect its format and map it. Whatever the line, the
 * mapper returns (never throws) either a post the pipeline's codec accepts or a reason. The live
 * sources hand any JSON value of their stream to their mapper, so those mappers are fuzzed on
 * arbitrary trees too. Tries: {@code jqwik.tries.default} (300 in the test command; see
 * CONTRIBUTING for a longer run). Lines that found a bug are kept in {@code formats/hostile.jsonl}
 * and replayed by {@link #everyKeptHostileLineMapsOrHasAReason()}.
 */
public class ReplayLineFuzzTest {
  private static final String HOST = "mastodon.social";
  private final FormatDetector detector = new FormatDetector(HOST);

  @Provide
  Arbitrary<String> lines() {
    return HostileJson.lines();
  }

  @Provide
  Arbitrary<JsonNode> trees() {
    return HostileJson.values(4);
  }

  @Property
  void anyLineMapsToAValidPostOrAReason(@ForAll("lines") String line) {
    checkOutcome(detector.map(line));
  }

  @Property
  void theLiveMappersTakeAnyJsonValue(@ForAll("trees") JsonNode tree) {
    checkOutcome(XV2Tweets.map(tree));
    checkOutcome(JetstreamEvents.map(tree));
    checkOutcome(MastodonStatuses.map(tree, HOST));
    if (XV1Statuses.looksLike(tree)) {
      checkOutcome(XV1Statuses.map(tree.toString(), tree));
    }
  }

  @Example
  void everyKeptHostileLineMapsOrHasAReason() throws IOException {
    List<String> kept = keptLines();
    assertThat("the corpus is read", kept.isEmpty(), is(false));
    for (String line : kept) {
      checkOutcome(detector.map(line));
    }
  }

  /** The lines of the kept corpus: one hostile line each, found by these properties or reported. */
  static List<String> keptLines() throws IOException {
    try (InputStream in = ReplayLineFuzzTest.class.getResourceAsStream("/formats/hostile.jsonl")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> !l.isBlank())
          .toList();
    }
  }

  /** Exactly one of a post and a reason; a post is one the pipeline's codec reads back. */
  static void checkOutcome(Mapped m) {
    if (m.isPost()) {
      assertThat("a post has no reason", m.reason(), is((String) null));
      Post post = m.post();
      try {
        Post back = PostJson.parse(PostJson.toBytes(post));
        assertThat(back.createdAt(), is(post.createdAt()));
      } catch (InvalidPostException e) {
        throw new AssertionError(
            "mapped a post the pipeline would dead-letter: " + e.getMessage() + ": " + post, e);
      }
    } else {
      assertThat("a record that is no post says why", m.reason(), not(emptyOrNullString()));
    }
  }
}
