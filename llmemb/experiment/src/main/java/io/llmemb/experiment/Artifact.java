package io.llmemb.experiment;

import java.nio.file.Path;

/**
 * The output of one pipeline stage: where it lives and the checksum of its content, which
 * downstream stages hash into their own keys (so a changed artifact, not just a changed option,
 * reruns what depends on it).
 *
 * @param stage stage name, e.g. {@code plain}
 * @param key sha256 of the stage's inputs; the artifact directory is {@code <work>/<stage>/<key>/}
 * @param dir the artifact directory
 * @param checksum sha256 over the directory's files (relative paths and contents)
 * @param fresh whether this run produced it (false: reused from the cache)
 */
public record Artifact(String stage, String key, Path dir, String checksum, boolean fresh) {}
