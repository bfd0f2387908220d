package io.courtside.pipeline.verify;

import io.courtside.pipeline.window.PolarityCounts;

/**
 * What the topic says one aggregate point must hold.
 *
 * @param counts polarity counts of every distinct post (its latest version), as a {@code
 *     --backfill} counts them; null for {@code dead_letters}, which only have a total
 * @param total distinct posts (or dead letters) of the window, SURE and MAYBE
 * @param sure those a streaming job certainly counted ({@link LatenessRule})
 * @param uncertain whether any record of the window is MAYBE: then only the band {@code [sure,
 *     total]} is checked
 */
public record ExpectedWindow(
    WindowKey key, PolarityCounts counts, long total, long sure, boolean uncertain) {}
