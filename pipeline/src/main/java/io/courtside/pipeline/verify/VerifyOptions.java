package io.courtside.pipeline.verify;

import io.courtside.pipeline.options.CourtsideOptions;

/**
 * The flags of {@code courtside verify}: the job's own (counting rules, lateness, servers), so
 * that names, defaults and errors are the job's.
 */
public interface VerifyOptions extends CourtsideOptions {
}
