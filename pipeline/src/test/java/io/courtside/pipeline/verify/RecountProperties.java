package io.courtside.pipeline.verify;

import static io.courtside.pipeline.verify.RecountTest.T;
import static org.junit.Assert.assertEquals;

import io.courtside.sentiment.Vader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.beam.sdk.io.kafka.KafkaRecord;

/**
 * {@link Recount} against a deliberately naive model of the rules, written from their text: every
 * record looks back over its whole partition for the clock, windows are integer divisions, the
 * latest version is found by scanning. Records: a few post ids (each always on the partition its
 * key hashes to), edits, duplicates, junk lines, bursts and idle gaps of Kafka time.
 */
public class RecountProperties {
  private static final String[] TEXTS = {
    RecountTest.LOVE, RecountTest.HATE, "Lakers play the Celtics tonight", "What a day"
  };
  private static final long W = 60_000, L = 60_000, D = 10_000, I = 10_000;
  private static final Vader VADER = Vader.standard();

  /**
   * One record to send: which post (or junk), which text, its createdAt and its Kafka time step.
   */
  record Event(int id, int text, int createdAtSeconds, int stepSeconds, boolean junk) {}

  /** A record as the model sees it. */
  record Rec(
      int partition, long offset, long ts, String id, long createdAt, String text, boolean junk) {
    long eventTime() {
      return junk ? ts : createdAt;
    }
  }

  @Provide
  Arbitrary<List<Event>> events() {
    Arbitrary<Integer> step =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(8, Arbitraries.integers().between(0, 6)),
            net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(30, 200)));
    Arbitrary<Event> event =
        Combinators.combine(
                Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, TEXTS.length - 1),
                Arbitraries.integers().between(0, 400),
                step,
                Arbitraries.integers().between(0, 9).map(n -> n == 0))
            .as(Event::new);
    return event.list().ofMaxSize(60);
  }

  @Property(tries = 150)
  void recountEqualsTheNaiveModel(@ForAll("events") List<Event> events) {
    List<Rec> recs = new ArrayList<>();
    long[] nextOffset = new long[3];
    long[] clockTs = {T + 400_000, T + 400_000, T + 400_000};
    for (Event e : events) {
      int p = e.id() % 3;
      clockTs[p] += e.stepSeconds() * 1000L;
      recs.add(
          new Rec(
              p,
              nextOffset[p]++,
              clockTs[p],
              "p" + e.id(),
              T + e.createdAtSeconds() * 1000L,
              TEXTS[e.text()],
              e.junk()));
    }
    List<KafkaRecord<byte[], byte[]>> records = new ArrayList<>();
    for (Rec r : recs) {
      records.add(
          r.junk()
              ? RecountTest.junk(r.partition(), r.offset(), r.ts())
              : RecountTest.post(
                  r.partition(), r.offset(), r.ts(), r.id(), r.createdAt(), r.text()));
    }
    Map<WindowKey, ExpectedWindow> actual = Recount.of(RecountTest.settings(), records).windows();
    Map<WindowKey, String> got = new TreeMap<>();
    actual.forEach(
        (k, w) -> {
          if (!k.measurement().equals("entity_window")) {
            got.put(
                k,
                describe(
                    w.counts() == null
                        ? null
                        : new long[] {
                          w.counts().positive(), w.counts().negative(), w.counts().neutral()
                        },
                    w.total(),
                    w.sure(),
                    w.uncertain()));
          }
        });
    assertEquals(model(recs), got);
  }

  private static Map<WindowKey, String> model(List<Rec> recs) {
    Map<Long, List<Rec>> posts = new TreeMap<>();
    Map<Long, List<Rec>> junk = new TreeMap<>();
    Map<Rec, Boolean> sure = new HashMap<>();
    for (Rec r : recs) {
      long start = Math.floorDiv(r.eventTime(), W) * W;
      (r.junk() ? junk : posts).computeIfAbsent(start, s -> new ArrayList<>()).add(r);
      sure.put(r, isSure(r, recs, start + W - 1));
    }
    Map<WindowKey, String> out = new TreeMap<>();
    posts.forEach(
        (start, rs) -> {
          Map<String, Rec> latest = new HashMap<>();
          Map<String, Boolean> anySure = new HashMap<>();
          boolean uncertain = false;
          for (Rec r : rs) {
            Rec l = latest.get(r.id());
            if (l == null || r.ts() > l.ts() || (r.ts() == l.ts() && r.offset() > l.offset())) {
              latest.put(r.id(), r);
            }
            anySure.merge(r.id(), sure.get(r), Boolean::logicalOr);
            uncertain |= !sure.get(r);
          }
          long[] counts = new long[3];
          for (Rec r : latest.values()) {
            double c = VADER.polarityScores(r.text()).compound();
            counts[c >= 0.05 ? 0 : c <= -0.05 ? 1 : 2]++;
          }
          long sureIds = anySure.values().stream().filter(b -> b).count();
          out.put(
              WindowKey.of("polarity_window", start, "topic", "twitterdata"),
              describe(counts, latest.size(), sureIds, uncertain));
        });
    junk.forEach(
        (start, rs) -> {
          long sureLetters = rs.stream().filter(sure::get).count();
          out.put(
              WindowKey.of(
                  "dead_letters", start, "reason_kind", "invalid_json", "topic", "twitterdata"),
              describe(null, rs.size(), sureLetters, sureLetters != rs.size()));
        });
    return out;
  }

  /**
   * SURE when, at this record and at every earlier record of its partition, the watermark the
   * partition could reach (that record's clock minus D, plus the idle credit of the gap before it)
   * stays within the window's lateness: the watermark never goes back.
   */
  private static boolean isSure(Rec r, List<Rec> recs, long windowMaxTs) {
    boolean anyClock = false;
    for (Rec k : recs) {
      if (k.partition() != r.partition() || k.offset() > r.offset()) {
        continue;
      }
      Long clock = clockBefore(k, recs);
      if (clock == null) {
        continue;
      }
      anyClock = true;
      Long previousTs = null;
      for (Rec o : recs) {
        if (o.partition() == k.partition() && o.offset() == k.offset() - 1) {
          previousTs = o.ts();
        }
      }
      long gap = previousTs == null ? 0 : k.ts() - previousTs;
      long credit = gap >= I - 5_000 ? gap + 5_000 : 0;
      if (windowMaxTs + L < clock - D + credit) {
        return false;
      }
    }
    return anyClock;
  }

  /** The greatest createdAt of the posts before {@code r} in its partition; null: none. */
  private static Long clockBefore(Rec r, List<Rec> recs) {
    Long clock = null;
    for (Rec o : recs) {
      if (o.partition() == r.partition() && o.offset() < r.offset() && !o.junk()) {
        clock = clock == null ? o.createdAt() : Math.max(clock, o.createdAt());
      }
    }
    return clock;
  }

  private static String describe(long[] polarity, long total, long sure, boolean uncertain) {
    return (polarity == null
            ? ""
            : "+" + polarity[0] + " -" + polarity[1] + " =" + polarity[2] + " ")
        + "total "
        + total
        + " sure "
        + sure
        + (uncertain ? " uncertain" : "");
  }
}
