package io.courtside.pipeline.score;

import static org.junit.Assert.assertThrows;

import io.courtside.model.Post;
import io.courtside.pipeline.parse.PostCoder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.Test;

public class ScoredPostCoderTest {
  private static final Post FULL =
      new Post(
          "1790000000000000001",
          Instant.parse("2026-05-20T01:02:03.456789123Z"),
          "LeBron is COOKING 🔥\n\"quoted\" \\ back",
          "en",
          "fan23",
          "synthetic",
          List.of("NBA", "Lakers"));
  private static final Post MINIMAL = Post.of("x", Instant.EPOCH, "");

  @Test
  public void postsSurviveEncodingExactly() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(PostCoder.of(), FULL);
    CoderProperties.coderDecodeEncodeEqual(PostCoder.of(), MINIMAL);
    CoderProperties.coderDecodeEncodeEqual(
        PostCoder.of(), Post.of("long", Instant.now(), "a".repeat(70_000)));
    CoderProperties.coderDeterministic(PostCoder.of(), FULL, FULL);
  }

  @Test
  public void scoredPostsSurviveEncodingExactly() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(
        ScoredPostCoder.of(), new ScoredPost(FULL, 0.5423, 0.1, 0.6, 0.3));
    CoderProperties.coderDecodeEncodeEqual(
        ScoredPostCoder.of(), new ScoredPost(MINIMAL, -1, 1, 0, 0));
  }

  @Test
  public void aTruncatedPostIsAnErrorNotAShorterPost() throws Exception {
    byte[] whole =
        CoderUtils.encodeToByteArray(
            ScoredPostCoder.of(), new ScoredPost(FULL, 0.5, 0.1, 0.6, 0.3));
    for (int cut : new int[] {1, 10, whole.length - 33, whole.length - 1}) {
      byte[] part = Arrays.copyOf(whole, cut);
      assertThrows(
          "cut at " + cut,
          IOException.class,
          () -> ScoredPostCoder.of().decode(new ByteArrayInputStream(part)));
    }
  }
}
