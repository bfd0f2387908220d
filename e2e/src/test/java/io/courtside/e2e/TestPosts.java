package io.courtside.e2e;

import io.courtside.ingest.SyntheticPosts;
import io.courtside.model.Post;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Realistic posts with fixed createdAt values, so expected windows are known in advance. */
final class TestPosts {
  private TestPosts() {}

  /**
   * {@code n} posts, one every {@code stepMillis} from {@code start}, ids prefixed by {@code
   * prefix}.
   */
  static List<Post> posts(String prefix, int n, Instant start, long stepMillis, long seed) {
    SyntheticPosts synthetic = new SyntheticPosts(seed, Clock.fixed(start, ZoneOffset.UTC));
    List<Post> posts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Post p = synthetic.next();
      posts.add(
          new Post(
              prefix + i,
              start.plusMillis(i * stepMillis),
              p.text(),
              p.lang(),
              p.author(),
              p.source(),
              p.hashtags()));
    }
    return posts;
  }

  /** Malformed records of every kind the parser rejects. */
  static List<String> malformed(int n) {
    String[] kinds = {
      "{not json at all",
      "{\"id\":\"m\",\"text\":\"no createdAt\"}",
      "{\"createdAt\":\"2026-05-20T01:00:00Z\",\"text\":\"no id\"}",
      "{\"id\":\"m\",\"createdAt\":\"yesterday\",\"text\":\"bad time\"}",
      "{\"id\":42,\"createdAt\":\"2026-05-20T01:00:00Z\",\"text\":\"id is a number\"}",
      "[\"an\",\"array\"]",
      "plain text line",
    };
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(kinds[i % kinds.length]);
    }
    return out;
  }
}
