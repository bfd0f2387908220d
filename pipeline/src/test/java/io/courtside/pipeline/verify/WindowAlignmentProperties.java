package io.courtside.pipeline.verify;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.courtside.pipeline.options.Durations;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/**
 * {@link WindowAlignment}: a verify of the job's own window size (or of a size dividing it) is
 * never refused; any other size is refused exactly when some stored start is off its grid, judged
 * here by a second formulation (the size does not divide the starts' greatest common divisor).
 */
public class WindowAlignmentProperties {
  /** Window sizes as users give them, and odd ones. */
  @Provide
  Arbitrary<Long> sizes() {
    return Arbitraries.oneOf(
        Arbitraries.of(1_000L, 5_000L, 10_000L, 30_000L, 60_000L, 300_000L, 3_600_000L),
        Arbitraries.longs().between(1, 7_200_000L));
  }

  /** Window indexes since the epoch: recent days, a few windows, often adjacent. */
  @Provide
  Arbitrary<List<Long>> windows() {
    Arbitrary<Long> base = Arbitraries.longs().between(0, 5_000_000L);
    return base.flatMap(
        b -> Arbitraries.longs().between(0, 40).map(d -> b + d).list().ofMinSize(1).ofMaxSize(12));
  }

  private static NavigableSet<Long> starts(List<Long> windows, long size) {
    NavigableSet<Long> starts = new TreeSet<>();
    windows.forEach(w -> starts.add(w * size));
    return starts;
  }

  @Property(tries = 1000)
  void theJobsOwnSizeAndItsDivisorsAreAccepted(
      @ForAll("sizes") long size,
      @ForAll("windows") List<Long> windows,
      @ForAll @LongRange(min = 1, max = 12) long divisor) {
    NavigableSet<Long> starts = starts(windows, size);
    assertEquals(Optional.empty(), WindowAlignment.mismatch("t", starts, size));
    if (size % divisor == 0) {
      assertEquals(Optional.empty(), WindowAlignment.mismatch("t", starts, size / divisor));
    }
  }

  @Property(tries = 2000)
  void anotherSizeIsRefusedExactlyWhenItDoesNotDivideEveryStart(
      @ForAll("sizes") long jobSize,
      @ForAll("windows") List<Long> windows,
      @ForAll("sizes") long verifySize) {
    NavigableSet<Long> starts = starts(windows, jobSize);
    BigInteger gcd = BigInteger.ZERO;
    for (long s : starts) {
      gcd = gcd.gcd(BigInteger.valueOf(s));
    }
    boolean fits = gcd.mod(BigInteger.valueOf(verifySize)).signum() == 0;
    Optional<String> refused = WindowAlignment.mismatch("t", starts, verifySize);
    assertEquals(!fits, refused.isPresent());
    if (refused.isPresent()) {
      assertThat(
          refused.get(),
          containsString("--windowSize=" + WindowAlignment.format(verifySize) + " does not match"));
      if (starts.size() > 1) {
        long common = WindowAlignment.commonDivisor(starts);
        assertEquals(0, common % jobSize); // the hint never excludes the job's size
        assertThat(
            refused.get(),
            containsString("on multiples of " + WindowAlignment.format(common) + ", so"));
      }
    }
  }

  @Property(tries = 1000)
  void theSizeIsPrintedAsTheFlagReadsIt(
      @ForAll @LongRange(min = 1, max = 10_000_000_000L) long ms) {
    assertEquals(ms, Durations.parse("windowSize", WindowAlignment.format(ms)).getMillis());
  }

  @Example
  void theDemosTenSecondWindowsVerifiedAsMinutesNameTheFlagAndTheSize() {
    NavigableSet<Long> starts = new TreeSet<>();
    for (String t : List.of("10:49:20", "10:49:30", "10:49:40", "10:49:50", "10:50:00")) {
      starts.add(Instant.parse("2026-12-01T" + t + "Z").toEpochMilli());
    }
    String message = WindowAlignment.mismatch("twitterdata", starts, 60_000).orElseThrow();
    assertThat(
        message,
        containsString(
            "--windowSize=1m does not match the windows stored for topic twitterdata: 4 of them"
                + " start off the 1m grid (e.g. 2026-12-01T10:49:20Z); all start on multiples of"
                + " 10s, so the job ran with 10s or a size that divides it."));
    assertTrue(WindowAlignment.mismatch("twitterdata", starts, 10_000).isEmpty());
  }
}
