package io.courtside.pipeline.parse;

import java.util.Random;
import org.apache.beam.sdk.testing.CoderProperties;
import org.junit.Test;

public class DeadLetterCoderTest {
  @Test
  public void everyFieldRoundTripsNullsIncluded() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(
        DeadLetterCoder.of(),
        new DeadLetter(
            ReasonKind.INVALID_JSON,
            "invalid JSON: x",
            "twitterdata",
            2,
            1L << 40,
            new byte[] {1, 2},
            "{".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    CoderProperties.coderDecodeEncodeEqual(
        DeadLetterCoder.of(), new DeadLetter(ReasonKind.EMPTY, "empty", null, 0, 0, null, null));
    CoderProperties.coderDeterministic(
        DeadLetterCoder.of(),
        new DeadLetter(ReasonKind.TOO_LARGE, "r", "t", 1, 7, null, new byte[] {9}),
        new DeadLetter(ReasonKind.TOO_LARGE, "r", "t", 1, 7, null, new byte[] {9}));
  }

  @Test
  public void randomLettersOfEveryKindRoundTrip() throws Exception {
    Random random = new Random(42);
    for (ReasonKind kind : ReasonKind.values()) {
      byte[] key = random.nextBoolean() ? null : new byte[random.nextInt(40)];
      byte[] value = random.nextBoolean() ? null : new byte[random.nextInt(70_000)];
      if (key != null) {
        random.nextBytes(key);
      }
      if (value != null) {
        random.nextBytes(value);
      }
      CoderProperties.coderDecodeEncodeEqual(
          DeadLetterCoder.of(),
          new DeadLetter(
              kind,
              "reason \uD83C\uDFC0 " + random.nextLong(),
              "topic-" + random.nextInt(9),
              random.nextInt(1 << 16),
              Math.abs(random.nextLong()),
              key,
              value));
    }
  }
}
