package io.courtside.ingest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;

import org.junit.Test;

public class PacerTest {
  @Test
  public void eventsAreSpacedByTheRate() throws Exception {
    FakeTime time = new FakeTime();
    Pacer pacer = new Pacer(10, time.now::get, time);
    for (int i = 0; i < 4; i++) {
      pacer.awaitNext();
    }
    assertThat(time.sleeps, contains(100_000_000L, 100_000_000L, 100_000_000L));
  }

  @Test
  public void timeSpentSendingIsNotAddedToTheWait() throws Exception {
    FakeTime time = new FakeTime();
    Pacer pacer = new Pacer(10, time.now::get, time);
    pacer.awaitNext();
    time.now.addAndGet(30_000_000L); // the send took 30 ms
    pacer.awaitNext();
    assertThat(time.sleeps, contains(70_000_000L));
  }

  @Test
  public void aLongStallDoesNotCauseABurstWithoutWaits() throws Exception {
    FakeTime time = new FakeTime();
    Pacer pacer = new Pacer(10, time.now::get, time);
    pacer.awaitNext();
    time.now.addAndGet(5_000_000_000L); // blocked 5 s on a full buffer
    pacer.awaitNext(); // restarts the schedule: sent at once
    assertThat(time.sleeps, empty());
    pacer.awaitNext(); // ...and the next waits a normal interval again
    assertThat(time.sleeps, contains(100_000_000L));
  }
}
