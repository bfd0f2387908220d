package io.courtside.pipeline.window;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.Test;

/** The window accumulator's table and its coder: growth, odd keys, sizing, bytes, corruption. */
public class LatestVersionsTest {
  private static final LatestVersionsCoder CODER = LatestVersionsCoder.of();

  /** Keys whose probe starts in the last slot of every table up to 4,096 slots. */
  static final long[] LAST_SLOT_KEYS = lastSlotKeys(600);

  private static long[] lastSlotKeys(int n) {
    Random r = new Random(17);
    long[] out = new long[n];
    for (int i = 0; i < n; ) {
      long k = r.nextLong();
      if (LatestVersions.home(k, 4095) == 4095) {
        out[i++] = k;
      }
    }
    return out;
  }

  private static void assertHolds(LatestVersions t, long key, long version, double compound) {
    int s = t.slotOf(key);
    assertTrue("missing " + key, s >= 0);
    assertEquals(key, t.fingerprintAt(s));
    assertEquals("version of " + key, version, t.versionAt(s));
    assertEquals("compound of " + key, compound, t.compoundAt(s), 0.0);
  }

  private static long key(int i) {
    return i * 0x9E3779B97F4A7C15L; // i = 0 gives the key 0
  }

  @Test
  public void growsThroughEveryDoublingKeepingEveryId() {
    LatestVersions t = new LatestVersions();
    assertEquals(8, t.capacity());
    int n = 100_000;
    int doublings = 0;
    for (int i = 0; i < n; i++) {
      int before = t.capacity();
      t.add(key(i), i, i / (double) n);
      assertEquals(i + 1, t.size());
      if (t.capacity() != before) {
        doublings++;
        assertEquals(before * 2, t.capacity());
        assertTrue("grew at " + i + " ids", i >= before / 2 + before / 8);
        assertTrue(t.wellFormed());
        for (int j = 0; j <= i; j++) {
          assertHolds(t, key(j), j, j / (double) n);
        }
      }
      assertTrue(
          "over 5/8 full: " + t.size() + "/" + t.capacity(),
          t.size() <= t.capacity() / 2 + t.capacity() / 8);
    }
    assertEquals(15, doublings); // 8 -> 262,144 slots
    assertEquals(15, t.rehashes());
    assertEquals(n, t.size());
    for (int i = 0; i < n; i++) {
      t.add(key(i), i - 1, -1); // older: ignored
    }
    for (int i = 0; i < n; i++) {
      assertHolds(t, key(i), i, i / (double) n);
    }
    assertEquals(-1, t.slotOf(key(n)));
    assertTrue(t.wellFormed());
  }

  @Test
  public void aTableSizedForNHoldsNWithoutGrowing() {
    for (int n : new int[] {0, 1, 5, 6, 10, 11, 100, 1_000, 12_345, 163_840, 163_841}) {
      LatestVersions t = LatestVersions.withExpectedSize(n);
      int capacity = t.capacity();
      assertEquals(LatestVersions.capacityFor(n), capacity);
      if (capacity > 8) { // the fewest slots that hold n
        assertTrue(n > capacity / 4 + capacity / 16);
      }
      for (int i = 0; i < n; i++) {
        t.add(key(i), 1, 0.5);
      }
      assertEquals(n, t.size());
      assertEquals("n = " + n, capacity, t.capacity());
      assertEquals(0, t.rehashes());
    }
    assertThrows(IllegalArgumentException.class, () -> LatestVersions.capacityFor(-1));
    assertThrows(
        IllegalArgumentException.class,
        () -> LatestVersions.capacityFor(LatestVersions.MAX_SIZE + 1));
    assertEquals(LatestVersions.MAX_CAPACITY, LatestVersions.capacityFor(LatestVersions.MAX_SIZE));
  }

  @Test
  public void keysWithOneHomeWrapAroundTheEndOfTheTable() {
    LatestVersions t = new LatestVersions();
    for (int i = 0; i < LAST_SLOT_KEYS.length; i++) {
      t.add(LAST_SLOT_KEYS[i], i, i);
      t.add(0, i, -i); // the key 0 among them, updated every time
      assertTrue(t.wellFormed());
    }
    assertEquals(LAST_SLOT_KEYS.length + 1, t.size());
    assertEquals(1024, t.capacity());
    for (int i = 0; i < LAST_SLOT_KEYS.length; i++) {
      assertHolds(t, LAST_SLOT_KEYS[i], i, i);
    }
    assertHolds(t, 0, LAST_SLOT_KEYS.length - 1, -(LAST_SLOT_KEYS.length - 1));
    // Keys equal in their low 40 bits: a mask alone would put all of them in one slot.
    LatestVersions low = new LatestVersions();
    for (int j = 0; j < 5_000; j++) {
      low.add(((long) j << 40) | 0xABCDEL, j, 0.25);
    }
    assertEquals(5_000, low.size());
    assertTrue(low.wellFormed());
  }

  @Test
  public void zeroAndTheExtremesAreOrdinaryKeys() {
    LatestVersions t = new LatestVersions();
    long[] keys = {0, Long.MIN_VALUE, Long.MAX_VALUE, -1, 1, Long.MIN_VALUE + 1};
    for (long k : keys) {
      assertEquals(-1, t.slotOf(k));
      t.add(k, 5, 0.5);
      t.add(k, 5, -0.5); // an equal version: the record held stays
      t.add(k, 4, -0.7); // older
      assertHolds(t, k, 5, 0.5);
    }
    t.add(0, 6, -0.9);
    t.add(Long.MIN_VALUE, Long.MAX_VALUE, 0.1);
    t.add(-1, Long.MIN_VALUE, 0.2); // the least version: older than 5
    assertHolds(t, 0, 6, -0.9);
    assertHolds(t, Long.MIN_VALUE, Long.MAX_VALUE, 0.1);
    assertHolds(t, -1, 5, 0.5);
    assertEquals(keys.length, t.size());
    Set<Long> seen = new HashSet<>();
    for (int s = t.next(0); s >= 0; s = t.next(s + 1)) {
      assertTrue(seen.add(t.fingerprintAt(s)));
    }
    assertEquals(Set.of(0L, Long.MIN_VALUE, Long.MAX_VALUE, -1L, 1L, Long.MIN_VALUE + 1), seen);
    assertEquals(keys.length, t.compounds().length);
  }

  @Test
  public void mergeKeepsTheGreaterVersionAndLeavesTheOtherAlone() throws Exception {
    LatestVersions a = new LatestVersions();
    LatestVersions b = new LatestVersions();
    for (int i = 0; i < 1_000; i++) {
      a.add(key(i), i % 3, 0.1);
      b.add(key(i + 500), 1, 0.2); // overlap 500..999: version 1 vs 0, 1, 2
    }
    LatestVersions bBefore = CoderUtils.clone(CODER, b);
    a.mergeFrom(b);
    assertEquals(bBefore, b);
    assertEquals(1_500, a.size());
    assertTrue(a.wellFormed());
    for (int i = 0; i < 1_500; i++) {
      if (i < 500) {
        assertHolds(a, key(i), i % 3, 0.1);
      } else if (i < 1_000) {
        boolean aNewer = i % 3 >= 1; // equal (1): a's stays
        assertHolds(a, key(i), aNewer ? i % 3 : 1, aNewer ? 0.1 : 0.2);
      } else {
        assertHolds(a, key(i), 1, 0.2);
      }
    }
    // Into an empty table (a copy of the arrays): later adds to either do not reach the other.
    LatestVersions empty = new LatestVersions();
    empty.mergeFrom(b);
    assertEquals(b, empty);
    empty.add(key(10_000), 1, 1);
    empty.add(key(600), 9, 9);
    assertEquals(bBefore, b);
    b.add(key(10_001), 1, 1);
    assertEquals(-1, empty.slotOf(key(10_001)));
    a.mergeFrom(a);
    assertEquals(1_500, a.size());
  }

  @Test
  public void emptySmallAndLargeTablesSurviveTheCoder() throws Exception {
    LatestVersions empty = new LatestVersions();
    LatestVersions zero = new LatestVersions();
    zero.add(0, Long.MIN_VALUE, -0.0);
    LatestVersions large = new LatestVersions();
    Random r = new Random(3);
    for (int i = 0; i < 200_000; i++) {
      large.add(r.nextLong(), r.nextLong(), r.nextDouble() * 2 - 1);
    }
    large.add(0, 1, 1);
    large.add(Long.MIN_VALUE, 2, -1);
    for (LatestVersions t : List.of(empty, zero, large)) {
      CoderProperties.coderDecodeEncodeEqual(CODER, t);
      byte[] bytes = CoderUtils.encodeToByteArray(CODER, t);
      assertEquals(4 + 24L * t.size(), bytes.length);
      assertEquals(bytes.length, CODER.getEncodedElementByteSize(t));
      LatestVersions back = CoderUtils.decodeFromByteArray(CODER, bytes);
      assertEquals(t, back);
      // Sized for its entries: the fewest slots that hold them, from the start.
      assertEquals(LatestVersions.capacityFor(t.size()), back.capacity());
      assertEquals(0, back.rehashes());
      assertTrue(back.wellFormed());
    }
    assertNotEquals(zero, empty);
    CODER.verifyDeterministic(); // as the HashMap coder before it
  }

  /** The bytes of the HashMap coder it replaced: size, then big-endian triples. */
  @Test
  public void theBytesAreASizeThenBigEndianTriples() throws Exception {
    LatestVersions t = new LatestVersions();
    for (long k : new long[] {0, 7, Long.MIN_VALUE, -1, 123_456_789_012L}) {
      t.add(k, k ^ 5, k / 1e19);
    }
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(expected);
    data.writeInt(t.size());
    for (int s = t.next(0); s >= 0; s = t.next(s + 1)) {
      data.writeLong(t.fingerprintAt(s));
      data.writeLong(t.versionAt(s));
      data.writeDouble(t.compoundAt(s));
    }
    assertTrue(Arrays.equals(expected.toByteArray(), CoderUtils.encodeToByteArray(CODER, t)));
  }

  private static byte[] stream(int size, int entries) {
    ByteBuffer b = ByteBuffer.allocate(4 + 24 * entries).putInt(size);
    for (int i = 0; i < entries; i++) {
      b.putLong(key(i + 1)).putLong(i).putDouble(0.5);
    }
    return b.array();
  }

  private static CoderException decodeFails(byte[] bytes) {
    return assertThrows(CoderException.class, () -> CODER.decode(new ByteArrayInputStream(bytes)));
  }

  @Test
  public void aCorruptSizeIsACoderException() throws Exception {
    for (int size :
        new int[] {-1, Integer.MIN_VALUE, LatestVersions.MAX_SIZE + 1, Integer.MAX_VALUE}) {
      CoderException e = decodeFails(stream(size, 3));
      assertTrue(e.getMessage(), e.getMessage().contains("corrupt size " + size));
    }
    // A size in range over a short stream: fails where the stream ends, before any table of
    // MAX_SIZE ids is allocated (this would need 3 GiB).
    CoderException e = decodeFails(stream(LatestVersions.MAX_SIZE, 3));
    assertTrue(e.getMessage(), e.getMessage().contains("ended after 3 entries"));
    assertTrue(decodeFails(new byte[] {0, 0}).getMessage().contains("before the size"));
    // Cut anywhere: an error, never a smaller table.
    byte[] whole = stream(50_000, 50_000);
    for (int cut : new int[] {0, 3, 4, 27, 28 + 24 * 40_000, whole.length - 1}) {
      decodeFails(Arrays.copyOf(whole, cut));
    }
    assertEquals(50_000, CODER.decode(new ByteArrayInputStream(whole)).size());
  }

  @Test
  public void aRepeatedFingerprintInTheBytesKeepsTheGreaterVersion() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(4 + 24 * 3).putInt(3);
    b.putLong(9).putLong(1).putDouble(0.1);
    b.putLong(9).putLong(3).putDouble(0.3);
    b.putLong(9).putLong(2).putDouble(0.2);
    LatestVersions t = CODER.decode(new ByteArrayInputStream(b.array()));
    assertEquals(1, t.size());
    assertHolds(t, 9, 3, 0.3);
  }

  @Test
  public void equalTablesAreEqualWhateverTheirLayout() {
    List<Long> keys = new ArrayList<>();
    for (long k : LAST_SLOT_KEYS) {
      keys.add(k);
    }
    keys.add(0L);
    LatestVersions a = new LatestVersions();
    keys.forEach(k -> a.add(k, 1, k % 7));
    java.util.Collections.reverse(keys);
    LatestVersions b = LatestVersions.withExpectedSize(5_000);
    keys.forEach(k -> b.add(k, 1, k % 7));
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    b.add(0, 2, 0.0);
    assertNotEquals(a, b);
    a.add(0, 2, -0.0);
    assertNotEquals("-0.0 and 0.0 differ", a, b);
  }
}
