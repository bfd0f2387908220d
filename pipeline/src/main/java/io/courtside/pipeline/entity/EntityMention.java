package io.courtside.pipeline.entity;

import io.courtside.pipeline.score.ScoredPost;
import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;

/** One post naming one entity. */
@DefaultCoder(SerializableCoder.class)
public record EntityMention(String entity, EntityKind kind, ScoredPost post) implements Serializable {}
