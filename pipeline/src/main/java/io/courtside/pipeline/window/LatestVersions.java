package io.courtside.pipeline.window;

/**
 * The window accumulator of {@link LatestPerId}: a map from a post's 64-bit id fingerprint to the
 * version and compound score of its latest record, on three parallel primitive arrays (open
 * addressing, linear probing, a power-of-two number of slots, at most 5/8 of them used).
 *
 * <p>Hand-written because no primitive-collections library is on the job's classpath, and the boxed
 * {@code HashMap<Long, Latest>} it replaces cost a {@code Long}, a {@code Latest} and a map node
 * per id, boxing on every add and merge, and a field-by-field stream per entry in its coder:
 * copying that state (encode + decode, every bundle on the DirectRunner) was 17% of the
 * DirectRunner's CPU, and {@code HashMap.merge}, boxing and {@code DataInputStream} reads were
 * among Spark's top frames. {@link LatestVersionsCoder} writes and reads the arrays in bulk.
 *
 * <p>Every fingerprint is a valid key, 0 and {@link Long#MIN_VALUE} included: a slot whose key is 0
 * is free, and the key 0 itself has a slot of its own after the table ({@link #capacity()}). Not
 * thread-safe, like any accumulator.
 */
public final class LatestVersions {
  /** The most slots a table has: 2^27, so that the arrays stay 1 GiB each. */
  static final int MAX_CAPACITY = 1 << 27;

  /** The most ids a table holds (5/8 of {@link #MAX_CAPACITY}): 83,886,080. */
  static final int MAX_SIZE = maxFill(MAX_CAPACITY);

  private static final int MIN_CAPACITY = 8;
  private static final long FREE = 0L;

  /** Slots 0 .. capacity-1 by hash; slot {@code capacity} belongs to the key 0. */
  private long[] keys;

  private long[] versions;
  private double[] compounds;
  private int mask;
  private boolean hasZeroKey;
  private int size;
  private int maxFill;
  private int rehashes;

  public LatestVersions() {
    this(MIN_CAPACITY);
  }

  private LatestVersions(int capacity) {
    allocate(capacity);
  }

  /** An empty table that holds {@code n} ids without growing. */
  public static LatestVersions withExpectedSize(int n) {
    return new LatestVersions(capacityFor(n));
  }

  /** The fewest slots (a power of two, at least 8) that hold {@code n} ids. */
  static int capacityFor(int n) {
    if (n < 0 || n > MAX_SIZE) {
      throw new IllegalArgumentException(
          "a window's table holds 0 to " + MAX_SIZE + " ids, not " + n);
    }
    int capacity = MIN_CAPACITY;
    while (maxFill(capacity) < n) {
      capacity <<= 1;
    }
    return capacity;
  }

  private static int maxFill(int capacity) {
    return capacity / 2 + capacity / 8;
  }

  private void allocate(int capacity) {
    keys = new long[capacity + 1];
    versions = new long[capacity + 1];
    compounds = new double[capacity + 1];
    mask = capacity - 1;
    maxFill = maxFill(capacity);
  }

  /** The slot a key's probe starts at: the key's bits mixed (MurmurHash3's 64-bit finalizer). */
  static int home(long key, int mask) {
    long h = key;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (int) h & mask;
  }

  /** Number of ids. */
  public int size() {
    return size;
  }

  /** For tests: how often this table moved its ids to a larger one. */
  int rehashes() {
    return rehashes;
  }

  /** Slots of the hashed part of the table (the key 0's slot not counted). */
  int capacity() {
    return mask + 1;
  }

  /**
   * Records a version of {@code fingerprint}: kept if the id is new or {@code version} is greater
   * than the one held; on an equal version the one held stays.
   */
  public void add(long fingerprint, long version, double compound) {
    int s;
    if (fingerprint == FREE) {
      s = mask + 1;
      if (!hasZeroKey) {
        addNew(fingerprint, version, compound);
        return;
      }
    } else {
      s = home(fingerprint, mask);
      for (long k = keys[s]; k != fingerprint; k = keys[s]) {
        if (k == FREE) {
          if (size < maxFill) { // the common case: no growth, the free slot found is the one
            keys[s] = fingerprint;
            versions[s] = version;
            compounds[s] = compound;
            size++;
          } else {
            addNew(fingerprint, version, compound);
          }
          return;
        }
        s = (s + 1) & mask;
      }
    }
    if (version > versions[s]) {
      versions[s] = version;
      compounds[s] = compound;
    }
  }

  private void addNew(long fingerprint, long version, double compound) {
    if (size >= maxFill) {
      grow();
    }
    insertNew(fingerprint, version, compound);
    size++;
  }

  /** Adds every id of {@code other} as {@link #add} would; {@code other} is left as it is. */
  public void mergeFrom(LatestVersions other) {
    if (other == this || other.size == 0) {
      return;
    }
    if (size == 0) {
      keys = other.keys.clone();
      versions = other.versions.clone();
      compounds = other.compounds.clone();
      mask = other.mask;
      maxFill = other.maxFill;
      hasZeroKey = other.hasZeroKey;
      size = other.size;
      return;
    }
    if (other.size > maxFill) {
      rehash(capacityFor(other.size));
    }
    for (int s = other.next(0); s >= 0; s = other.next(s + 1)) {
      add(other.keys[s], other.versions[s], other.compounds[s]);
    }
  }

  /**
   * The first used slot at or after {@code slot}, or -1 when there is none: {@code for (int s =
   * next(0); s >= 0; s = next(s + 1))} visits every id once.
   */
  public int next(int slot) {
    int capacity = mask + 1;
    for (int s = slot; s < capacity; s++) {
      if (keys[s] != FREE) {
        return s;
      }
    }
    return slot <= capacity && hasZeroKey ? capacity : -1;
  }

  /** The fingerprint in a used slot (see {@link #next}). */
  public long fingerprintAt(int slot) {
    return keys[slot];
  }

  /** The latest version in a used slot. */
  public long versionAt(int slot) {
    return versions[slot];
  }

  /** The compound of the latest version in a used slot. */
  public double compoundAt(int slot) {
    return compounds[slot];
  }

  /** The slot of {@code fingerprint}, or -1 when it is not held. */
  public int slotOf(long fingerprint) {
    if (fingerprint == FREE) {
      return hasZeroKey ? mask + 1 : -1;
    }
    for (int s = home(fingerprint, mask); ; s = (s + 1) & mask) {
      long k = keys[s];
      if (k == fingerprint) {
        return s;
      }
      if (k == FREE) {
        return -1;
      }
    }
  }

  /**
   * The earliest Kafka timestamp among the ids' latest versions ({@link
   * io.courtside.pipeline.parse.PostRecord#recordMillis}), or {@link WindowTally#NO_RECORD_TIME}
   * when none has one.
   */
  public long earliestRecordMillis() {
    long earliest = WindowTally.NO_RECORD_TIME;
    for (int s = next(0); s >= 0; s = next(s + 1)) {
      long millis = io.courtside.pipeline.parse.PostRecord.recordMillis(versions[s]);
      if (millis > 0 && millis < earliest) {
        earliest = millis;
      }
    }
    return earliest;
  }

  /** The compound scores of the ids' latest versions, in no particular order. */
  public double[] compounds() {
    double[] out = new double[size];
    int i = 0;
    for (int s = next(0); s >= 0; s = next(s + 1)) {
      out[i++] = compounds[s];
    }
    return out;
  }

  /** Puts a key known to be absent, with room for it. */
  private void insertNew(long key, long version, double compound) {
    int s;
    if (key == FREE) {
      hasZeroKey = true;
      s = mask + 1;
    } else {
      s = home(key, mask);
      while (keys[s] != FREE) {
        s = (s + 1) & mask;
      }
      keys[s] = key;
    }
    versions[s] = version;
    compounds[s] = compound;
  }

  private void grow() {
    int capacity = mask + 1;
    if (capacity >= MAX_CAPACITY) {
      throw new IllegalStateException(
          "more than " + MAX_SIZE + " distinct ids in one key and window");
    }
    rehash(capacity << 1);
  }

  private void rehash(int capacity) {
    long[] oldKeys = keys;
    long[] oldVersions = versions;
    double[] oldCompounds = compounds;
    int oldCapacity = mask + 1;
    allocate(capacity);
    rehashes++;
    for (int s = 0; s < oldCapacity; s++) {
      if (oldKeys[s] != FREE) {
        insertNew(oldKeys[s], oldVersions[s], oldCompounds[s]);
      }
    }
    versions[capacity] = oldVersions[oldCapacity];
    compounds[capacity] = oldCompounds[oldCapacity];
  }

  /** Same ids with the same versions and compounds (bit for bit), whatever the table's layout. */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof LatestVersions other) || other.size != size) {
      return false;
    }
    for (int s = next(0); s >= 0; s = next(s + 1)) {
      int t = other.slotOf(keys[s]);
      if (t < 0
          || other.versions[t] != versions[s]
          || Double.doubleToLongBits(other.compounds[t]) != Double.doubleToLongBits(compounds[s])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 0;
    for (int s = next(0); s >= 0; s = next(s + 1)) {
      h +=
          Long.hashCode(keys[s])
              ^ Long.hashCode(versions[s] * 31 + Double.doubleToLongBits(compounds[s]));
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("LatestVersions{size=").append(size);
    int shown = 0;
    for (int s = next(0); s >= 0 && shown < 10; s = next(s + 1), shown++) {
      b.append(shown == 0 ? ": " : ", ")
          .append(keys[s])
          .append("@")
          .append(versions[s])
          .append("=")
          .append(compounds[s]);
    }
    return b.append(size > shown ? ", ...}" : "}").toString();
  }

  /** For tests: the keys' slots are consistent (each reachable from its home). */
  boolean wellFormed() {
    int used = 0;
    for (int s = 0; s <= mask; s++) {
      if (keys[s] != FREE) {
        used++;
        if (slotOf(keys[s]) != s) {
          return false;
        }
      }
    }
    return used + (hasZeroKey ? 1 : 0) == size
        && size <= maxFill
        && keys.length == mask + 2
        && keys[mask + 1] == FREE;
  }
}
