package io.courtside.pipeline.verify;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.joda.time.Duration;
import org.junit.Test;

public class LatenessRuleTest {
  // L = 1 min, D = 10 s, I = 10 s
  private final LatenessRule rule =
      new LatenessRule(
          Duration.standardMinutes(1), Duration.standardSeconds(10), Duration.standardSeconds(10));
  private static final long T = 1_779_238_800_000L; // a window start (whole minute)
  private static final long MAX_TS = T + 59_999; // its last millisecond

  @Test
  public void theFirstRecordOfAPartitionIsMaybe() {
    assertFalse(rule.partition().next(0, T, T, MAX_TS));
  }

  @Test
  public void aRecordIsSureWhileTheClockMinusOutOfOrdernessIsWithinTheWindowsLateness() {
    // The clock may reach maxTs + L + D and the window still accepts the record.
    long edge = MAX_TS + 60_000 + 10_000;
    assertTrue(rule.sure(MAX_TS, rule.reach(edge, 0)));
    assertFalse(rule.sure(MAX_TS, rule.reach(edge + 1, 0)));
  }

  @Test
  public void theClockIsTheGreatestBelievableCreatedAtOfEarlierRecordsOnly() {
    LatenessRule.Partition p = rule.partition();
    long later = T + 10 * 60_000L;
    p.next(0, later, later, later + 59_999); // moves the clock to T + 10 min
    assertFalse("10 minutes behind the clock", p.next(1, later + 1, T, MAX_TS));
    LatenessRule.Partition q = rule.partition();
    q.next(0, T, T, MAX_TS);
    q.next(1, T + 1, null, T + 30 * 60_000L); // a junk line far ahead: no createdAt, no clock
    assertTrue(q.next(2, T + 2, T + 1000, MAX_TS));
  }

  @Test
  public void anIdleGapGivesTheWatermarkCreditAndMakesARecordMaybe() {
    assertEquals(0, rule.credit(4_999));
    assertEquals(10_000, rule.credit(5_000));
    LatenessRule.Partition busy = rule.partition();
    busy.next(0, T, T, MAX_TS);
    assertTrue(busy.next(1, T + 1_000, T + 30_000, MAX_TS));
    LatenessRule.Partition idle = rule.partition();
    idle.next(0, T, T, MAX_TS);
    assertFalse(idle.next(1, T + 180_000, T + 30_000, MAX_TS)); // 3 min gap: credit 3 min 5 s
  }

  @Test
  public void anIdleAdvanceHoldsForTheRecordsAfterTheGapToo() {
    // Seen on a replay with one wait cut to 60 s: the job's watermark moved past the window of
    // the edits that came after the wait, and verify judged only the first of them MAYBE.
    LatenessRule.Partition p = rule.partition();
    long k = T + 100_000; // the records' Kafka timestamps, from the first one's createdAt on
    p.next(0, k, T + 100_000, MAX_TS); // clock T + 100 s: watermark T + 90 s
    assertTrue("before the gap", p.next(1, k + 1_000, T, MAX_TS)); // 90 s <= 59.999 s + 60 s
    // 60 s idle: the watermark may reach T + 90 s + 65 s = T + 155 s > MAX_TS + L = T + 119.999 s
    assertFalse("first after the gap", p.next(2, k + 61_000, T, MAX_TS));
    assertFalse("second after the gap", p.next(3, k + 61_100, T, MAX_TS));
    assertFalse("much later", p.next(4, k + 62_000, T + 1_000, MAX_TS));
  }

  /**
   * A post stamped ahead of its record moves the clock only to the record's Kafka timestamp, as the
   * job's watermark does (EventTimeWatermark.clockTime): the posts after it stay SURE.
   */
  @Test
  public void aPostAheadOfItsRecordMovesTheClockOnlyToTheRecordsTimestamp() {
    LatenessRule.Partition p = rule.partition();
    p.next(0, T, T, MAX_TS);
    p.next(1, T + 1_000, T + 20 * 60_000L, T + 20 * 60_000L + 59_999); // 20 min ahead of its record
    assertTrue("an ordinary post after it", p.next(2, T + 2_000, T + 1_500, MAX_TS));
    // Without a Kafka timestamp (-1) the createdAt is all there is.
    LatenessRule.Partition q = rule.partition();
    q.next(0, -1, T + 20 * 60_000L, T + 20 * 60_000L + 59_999);
    assertFalse(q.next(1, -1, T, MAX_TS));
  }

  @Test(expected = IllegalArgumentException.class)
  public void recordsOutOfOffsetOrderAreABug() {
    LatenessRule.Partition p = rule.partition();
    p.next(5, T, T, MAX_TS);
    p.next(4, T, T, MAX_TS);
  }
}
