package io.courtside.pipeline.read;

import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;

/** Offsets [start, end) of one partition: what a backfill reads from it. */
@DefaultCoder(SerializableCoder.class)
record PartitionRange(String topic, int partition, long start, long end) implements Serializable {}
