package io.courtside.pipeline.influx;

import static org.junit.Assert.assertEquals;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.courtside.model.Post;
import io.courtside.pipeline.entity.EntityKind;
import io.courtside.pipeline.entity.EntityWindowCounts;
import io.courtside.pipeline.health.DeadLetterCounts;
import io.courtside.pipeline.score.ScoredPost;
import io.courtside.pipeline.window.PolarityCounts;
import io.courtside.pipeline.window.WindowCounts;
import io.courtside.pipeline.window.WindowTally;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Differential test of {@link LineProtocol} against its reference, influxdb-client-java's {@link
 * Point}: every line {@link InfluxSchema} writes equals the one {@link PointLines} builds with
 * Point, and so does any point of any keys, values and time, and every double as a float field.
 * Inputs are hostile: strings of quotes, backslashes (also trailing), newlines, CR, tabs, commas,
 * spaces, {@code =}, emoji and lone surrogates, empty and null; doubles of every kind (VADER's four
 * decimals and the doubles just beside them, window means, bit patterns, 1e-300, 1e300, -0.0,
 * subnormals, NaN, infinities); longs and times up to Long.MIN_VALUE and Long.MAX_VALUE. Each try
 * checks a list of inputs, so the default 300 tries compare thousands of points; {@code
 * -Djqwik.tries.default=100000} runs longer (CONTRIBUTING.md). jqwik prints the seed of a failing
 * run.
 */
class LineProtocolProperties {
  private static final Instant NOW = Instant.parse("2026-05-20T01:02:03.456Z");

  /** Pieces hostile to line protocol, joined at random into strings. */
  private static final List<String> PIECES =
      List.of(
          "\"",
          "\\",
          "\\\\",
          "\\\"",
          "\n",
          "\r",
          "\r\n",
          "\t",
          ",",
          " ",
          "=",
          "a=b",
          "x y",
          "Lakers",
          "é",
          "ß",
          "ñ",
          "日本",
          "🏀",
          "🔥",
          "😂😂",
          "👨‍👩‍👧",
          "\uD83D", // a lone high surrogate
          "\uDE00", // a lone low surrogate
          "\u0000",
          "\u2028",
          "0.5",
          "1i",
          "#NBA",
          "");

  // ---- InfluxSchema's lines ------------------------------------------------------------------

  @Property
  void postLinesEqualPoints(@ForAll("posts") List<ScoredPost> posts) {
    for (ScoredPost p : posts) {
      assertEquals(PointLines.postLine(p), InfluxSchema.postLine(p));
      Instant writtenAt = p.post().createdAt().plusMillis(p.post().text().length() * 997L - 5000);
      assertEquals(PointLines.postLine(p, writtenAt), InfluxSchema.postLine(p, writtenAt));
    }
  }

  @Property
  void windowLinesEqualPoints(@ForAll("windows") List<WindowCounts> windows) {
    for (WindowCounts w : windows) {
      assertEquals(PointLines.windowLine(w), InfluxSchema.windowLine(w));
    }
  }

  @Property
  void entityWindowLinesEqualPoints(@ForAll("entityWindows") List<EntityWindowCounts> windows) {
    for (EntityWindowCounts w : windows) {
      assertEquals(PointLines.entityWindowLine(w), InfluxSchema.entityWindowLine(w));
    }
  }

  @Property
  void deadLetterLinesEqualPoints(@ForAll("deadLetters") List<DeadLetterCounts> counts) {
    for (DeadLetterCounts d : counts) {
      assertEquals(PointLines.deadLetterLine(d), InfluxSchema.deadLetterLine(d));
    }
  }

  // ---- the encoder on its own ----------------------------------------------------------------

  /** Every double, as a float field; each of the three formatting paths checked on its own. */
  @Property
  void floatsEqualPoints(@ForAll("doubleLists") List<Double> values) {
    for (double d : values) {
      Point point = Point.measurement("m").addField("f", d).time(1L, WritePrecision.NS);
      String expected = point.toLineProtocol();
      assertEquals(
          Double.toString(d), expected, LineProtocol.measurement("m", 16).field("f", d).timeNs(1L));
      Statistics.collect(
          !Double.isFinite(d)
              ? "not finite"
              : Math.abs(d) <= 1 && Math.round(d * 10_000) / 10_000.0 == d
                  ? "n / 10^4, |n| <= 10^4"
                  : "other finite");
      if (Double.isFinite(d)) {
        String reference = PointLines.floatValue(d);
        assertEquals(Double.toString(d), reference, LineProtocolFloats.format(d));
        assertEquals(Double.toString(d), reference, LineProtocolFloats.reference(d));
        if (LineProtocolFloats.TO_STRING_AGREES) {
          StringBuilder plain = new StringBuilder();
          LineProtocolFloats.appendPlain(plain, Double.toString(d));
          assertEquals(Double.toString(d), reference, plain.toString());
        }
      }
    }
  }

  /** A point as the encoder's contract has it: any keys, given in ascending order. */
  record AnyPoint(
      String measurement,
      TreeMap<String, String> tags,
      TreeMap<String, Object> fields,
      long time) {}

  @Property
  void anyPointEqualsPoint(@ForAll("anyPoints") List<AnyPoint> points) {
    for (AnyPoint p : points) {
      Point point = Point.measurement(p.measurement()).addTags(p.tags());
      LineProtocol line = LineProtocol.measurement(p.measurement(), 0);
      p.tags().forEach(line::tag);
      for (Map.Entry<String, Object> f : p.fields().entrySet()) {
        String key = f.getKey();
        Object v = f.getValue();
        if (v instanceof Long l) {
          point.addField(key, (long) l);
          line.field(key, (long) l);
        } else if (v instanceof Double d) {
          point.addField(key, (double) d);
          line.field(key, (double) d);
        } else if (v instanceof Boolean b) {
          point.addField(key, (boolean) b);
          line.field(key, (boolean) b);
        } else {
          point.addField(key, (String) v);
          line.field(key, (String) v);
        }
      }
      assertEquals(point.time(p.time(), WritePrecision.NS).toLineProtocol(), line.timeNs(p.time()));
    }
  }

  // ---- generators ----------------------------------------------------------------------------

  /** Hostile strings, never null: joined pieces, any characters, or a real-looking post. */
  static Arbitrary<String> hostileStrings() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.of(PIECES).list().ofMaxSize(8).map(l -> String.join("", l))),
        Tuple.of(2, Arbitraries.strings().all().ofMaxLength(24)),
        Tuple.of(2, Arbitraries.strings().withChars("\"\\\n\r\t ,=aZ0").ofMaxLength(10)),
        Tuple.of(
            1,
            Arbitraries.of(PIECES).list().ofMaxSize(4).map(l -> "x" + String.join("", l) + "\\")),
        Tuple.of(2, realTexts()));
  }

  /** Tag values: hostile, empty or null (Point leaves out the last two). */
  static Arbitrary<String> tagValues() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, hostileStrings()),
        Tuple.of(2, Arbitraries.of("twitterdata", "Trail Blazers", "invalid_json", "bad_field")),
        Tuple.of(1, Arbitraries.just("")),
        Tuple.of(1, Arbitraries.<String>just(null)));
  }

  static Arbitrary<String> realTexts() {
    Arbitrary<String> word =
        Arbitraries.of(
            "LeBron",
            "is",
            "SO",
            "clutch",
            "tonight",
            "refs",
            "are",
            "awful",
            "\"MVP\"",
            "lol",
            "🔥",
            "😡",
            ":)",
            "#NBA",
            "C:\\path",
            "isn't",
            "but",
            "what a game!!!",
            "¿qué?");
    return word.list().ofMinSize(1).ofMaxSize(30).map(l -> String.join(" ", l));
  }

  /** Doubles of every kind; NaN and infinities included. */
  @Provide
  Arbitrary<List<Double>> doubleLists() {
    return doubles().list().ofMinSize(20).ofMaxSize(80);
  }

  static Arbitrary<Double> doubles() {
    Arbitrary<Long> tenThousandths = Arbitraries.longs().between(-10_000, 10_000);
    return Arbitraries.frequencyOf(
        Tuple.of(4, tenThousandths.map(n -> n / 10_000.0)), // VADER scores
        Tuple.of(
            2, // beside them, a few ulps away
            Combinators.combine(tenThousandths, Arbitraries.integers().between(-3, 3))
                .as((n, ulps) -> ulps(n / 10_000.0, ulps))),
        Tuple.of(1, tenThousandths.map(n -> (n + 0.5) / 10_000.0)), // halfway between two
        Tuple.of(
            2, // window means: a sum of VADER scores over a count
            Combinators.combine(
                    tenThousandths.list().ofMinSize(1).ofMaxSize(12),
                    Arbitraries.integers().between(1, 12))
                .as((l, n) -> l.stream().mapToDouble(x -> x / 10_000.0).sum() / n)),
        Tuple.of(3, Arbitraries.longs().map(Double::longBitsToDouble)), // any bit pattern
        Tuple.of(
            2, // any magnitude
            Combinators.combine(
                    Arbitraries.doubles().between(-10, 10),
                    Arbitraries.integers().between(-330, 310))
                .as((m, e) -> m * Math.pow(10, e))),
        Tuple.of(
            1, // subnormals
            Arbitraries.longs().between(0, (1L << 52) - 1).map(Double::longBitsToDouble)),
        Tuple.of(
            1, // around the edges of Double.toString's plain range and powers of ten
            Combinators.combine(
                    Arbitraries.integers().between(-8, 24), Arbitraries.integers().between(-2, 2))
                .as((e, ulps) -> ulps(Math.pow(10, e), ulps))),
        Tuple.of(
            2,
            Arbitraries.of(
                0.0,
                -0.0,
                1.0,
                -1.0,
                Double.MIN_VALUE,
                -Double.MIN_VALUE,
                Double.MIN_NORMAL,
                Double.MAX_VALUE,
                -Double.MAX_VALUE,
                1e-300,
                -1e300,
                1e300,
                1e23,
                2e23,
                8.41e21,
                9007199254740993.0,
                0x1p63,
                0.00005,
                1.00005,
                0.99995,
                Math.nextDown(1e7),
                1e7,
                Math.nextDown(1e-3),
                1e-3,
                Double.NaN,
                Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY)));
  }

  private static double ulps(double d, int ulps) {
    for (int i = 0; i < Math.abs(ulps); i++) {
      d = ulps > 0 ? Math.nextUp(d) : Math.nextDown(d);
    }
    return d;
  }

  static Arbitrary<Long> longs() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.longs().between(0, 5_000)),
        Tuple.of(3, Arbitraries.longs()),
        Tuple.of(1, Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, -1L, 0L)));
  }

  /** createdAt: mostly around now, else anywhere its nanoseconds fit a long (postTimeNanos). */
  static Arbitrary<Instant> createdAts() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.longs().between(-86_400_000, 86_400_000).map(NOW::plusMillis)),
        Tuple.of(
            1,
            Combinators.combine(
                    Arbitraries.longs().between(-9_223_372_036L, 9_223_372_035L),
                    Arbitraries.integers().between(0, 999_999_999))
                .as(Instant::ofEpochSecond)));
  }

  @Provide
  Arbitrary<List<ScoredPost>> posts() {
    Arbitrary<String> sources =
        Arbitraries.frequencyOf(
            Tuple.of(2, Arbitraries.of("bluesky", "Mastodon", " synthetic ", "x".repeat(33))),
            Tuple.of(2, hostileStrings()),
            Tuple.of(1, Arbitraries.<String>just(null)));
    Arbitrary<Post> post =
        Combinators.combine(hostileStrings(), createdAts(), hostileStrings(), sources)
            .as((id, at, text, source) -> new Post(id, at, text, "en", "fan", source, List.of()));
    return Combinators.combine(
            post, Arbitraries.longs(), doubles(), doubles(), doubles(), doubles())
        .as(ScoredPost::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(10);
  }

  static Arbitrary<PolarityCounts> counts() {
    return Combinators.combine(longs(), longs(), longs(), doubles()).as(PolarityCounts::new);
  }

  static Arbitrary<org.joda.time.Instant> windowStarts() {
    return Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.longs().between(0, 4_102_444_800_000L)), Tuple.of(1, longs()))
        .map(org.joda.time.Instant::new);
  }

  @Provide
  Arbitrary<List<WindowCounts>> windows() {
    Arbitrary<Long> earliest =
        Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.just(WindowTally.NO_RECORD_TIME)),
            Tuple.of(3, Arbitraries.longs().between(1, (1L << 43) - 1)));
    return Combinators.combine(
            tagValues(), windowStarts(), counts(), Arbitraries.of(true, false), earliest)
        .as((topic, start, c, closed, e) -> new WindowCounts(topic, start, start, c, closed, e))
        .list()
        .ofMinSize(1)
        .ofMaxSize(10);
  }

  @Provide
  Arbitrary<List<EntityWindowCounts>> entityWindows() {
    return Combinators.combine(
            tagValues(), tagValues(), Arbitraries.of(EntityKind.class), windowStarts(), counts())
        .as(
            (topic, entity, kind, start, c) ->
                new EntityWindowCounts(topic, entity, kind, start, start, c))
        .list()
        .ofMinSize(1)
        .ofMaxSize(10);
  }

  @Provide
  Arbitrary<List<DeadLetterCounts>> deadLetters() {
    return Combinators.combine(tagValues(), tagValues(), windowStarts(), longs())
        .as(DeadLetterCounts::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(10);
  }

  @Provide
  Arbitrary<List<AnyPoint>> anyPoints() {
    Arbitrary<String> keys = hostileStrings().map(s -> s.isEmpty() ? "k" : s); // Point: non-empty
    Arbitrary<Object> values =
        Arbitraries.frequencyOf(
            Tuple.of(3, hostileStrings().map(s -> (Object) s)),
            Tuple.of(2, longs().map(l -> (Object) l)),
            Tuple.of(3, doubles().map(d -> (Object) d)),
            Tuple.of(1, Arbitraries.of(true, false).map(b -> (Object) b)),
            Tuple.of(1, Arbitraries.<Object>just(null)));
    Arbitrary<TreeMap<String, String>> tags =
        Combinators.combine(keys.list().ofMaxSize(4), tagValues().list().ofSize(4))
            .as(LineProtocolProperties::sorted);
    Arbitrary<TreeMap<String, Object>> fields =
        Combinators.combine(keys.list().ofMaxSize(6), values.list().ofSize(6))
            .as(LineProtocolProperties::sorted);
    return Combinators.combine(hostileStrings(), tags, fields, longs())
        .as(AnyPoint::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(10);
  }

  /** Keys with the values beside them, sorted (a key given twice keeps its last value). */
  private static <V> TreeMap<String, V> sorted(List<String> keys, List<V> values) {
    TreeMap<String, V> map = new TreeMap<>();
    for (int i = 0; i < keys.size(); i++) {
      map.put(keys.get(i), values.get(i));
    }
    return map;
  }
}
