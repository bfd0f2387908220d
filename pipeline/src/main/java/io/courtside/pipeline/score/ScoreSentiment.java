package io.courtside.pipeline.score;

import io.courtside.model.Post;
import io.courtside.pipeline.parse.PostRecord;
import io.courtside.sentiment.SentimentScores;
import io.courtside.sentiment.Vader;
import io.courtside.sentiment.VaderConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/** Scores each post with VADER. The scorer is built once per JVM and shared by every DoFn. */
public final class ScoreSentiment
    extends PTransform<PCollection<PostRecord>, PCollection<ScoredPost>> {
  private final VaderConfig config;

  private ScoreSentiment(VaderConfig config) {
    this.config = config;
  }

  /**
   * Scores with {@code config}, which carries its overlay's entries: workers on a cluster need no
   * copy of the overlay file.
   */
  public static ScoreSentiment with(VaderConfig config) {
    return new ScoreSentiment(config);
  }

  /**
   * One post of {@code version} scored as this step scores it (public for {@code courtside
   * verify}).
   */
  public static ScoredPost score(Vader vader, Post post, long version) {
    SentimentScores s = vader.polarityScores(post.text());
    return new ScoredPost(post, version, s.compound(), s.neg(), s.neu(), s.pos());
  }

  public static ScoreSentiment withDefaults() {
    return new ScoreSentiment(VaderConfig.defaults());
  }

  @Override
  public PCollection<ScoredPost> expand(PCollection<PostRecord> posts) {
    return posts.apply("VADER", ParDo.of(new ScoreFn(config)));
  }

  static final class ScoreFn extends DoFn<PostRecord, ScoredPost> {
    private static final Map<VaderConfig, Vader> SCORERS = new ConcurrentHashMap<>();

    private final VaderConfig config;
    private final Counter truncated = Metrics.counter(ScoreSentiment.class, "truncated_posts");
    private transient Vader vader;

    ScoreFn(VaderConfig config) {
      this.config = config;
    }

    @Setup
    public void setup() {
      vader = SCORERS.computeIfAbsent(config, VaderConfig::toVader);
    }

    @ProcessElement
    public void process(@Element PostRecord record, OutputReceiver<ScoredPost> out) {
      Post post = record.post();
      if (vader.wouldTruncate(post.text())) {
        truncated.inc();
      }
      out.output(score(vader, post, record.version()));
    }
  }
}
