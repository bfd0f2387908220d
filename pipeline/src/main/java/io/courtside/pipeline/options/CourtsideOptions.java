package io.courtside.pipeline.options;

import org.apache.beam.sdk.options.ApplicationNameOptions;
import org.apache.beam.sdk.options.StreamingOptions;

/** Every flag of the Courtside pipeline: one small interface per concern. */
public interface CourtsideOptions
    extends KafkaReadOptions,
        DeadLetterOptions,
        SentimentOptions,
        WindowOptions,
        EntityOptions,
        InfluxDbOptions,
        StreamingOptions,
        ApplicationNameOptions {}
