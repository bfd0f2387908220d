package io.courtside.pipeline.entity;

import io.courtside.model.Post;
import io.courtside.pipeline.score.ScoredPost;
import io.courtside.pipeline.window.Countable;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Tags each scored post with the watchlist entities it mentions ({@link EntityMatcher} has the
 * rules): one mention per post and entity, none for a post that names nobody. A mention is the
 * entity's key, (kind, name) as strings (grouping needs a deterministic key coder; {@link
 * EntityWindowCounts#of} reads it back), with the post as a {@link Countable}, ready for {@code
 * CountPerWindow}. The element keeps the post's event time, so mentions fall into the same windows
 * as the post.
 */
public final class TagEntities
    extends PTransform<PCollection<ScoredPost>, PCollection<KV<KV<String, String>, Countable>>> {
  private final Watchlist watchlist;

  private TagEntities(Watchlist watchlist) {
    this.watchlist = watchlist;
  }

  public static TagEntities with(Watchlist watchlist) {
    return new TagEntities(watchlist);
  }

  @Override
  public PCollection<KV<KV<String, String>, Countable>> expand(PCollection<ScoredPost> posts) {
    return posts.apply("Match", ParDo.of(new TagFn(watchlist)));
  }

  /** The entities a post is tagged with (public for {@code courtside verify}). */
  public static List<Entity> entities(EntityMatcher matcher, Post post) {
    return matcher.match(post.text(), post.hashtags());
  }

  static final class TagFn extends DoFn<ScoredPost, KV<KV<String, String>, Countable>> {
    private final Watchlist watchlist;
    private final Counter tagged = Metrics.counter(TagEntities.class, "posts_with_entities");
    private transient EntityMatcher matcher;

    TagFn(Watchlist watchlist) {
      this.watchlist = watchlist;
    }

    @Setup
    public void setup() {
      matcher = EntityMatcher.of(watchlist);
    }

    @ProcessElement
    public void process(
        @Element ScoredPost s, OutputReceiver<KV<KV<String, String>, Countable>> out) {
      List<Entity> found = entities(matcher, s.post());
      if (found.isEmpty()) {
        return;
      }
      tagged.inc();
      Countable post = Countable.of(s);
      for (Entity e : found) {
        out.output(KV.of(KV.of(e.kind().name(), e.name()), post));
      }
    }
  }
}
