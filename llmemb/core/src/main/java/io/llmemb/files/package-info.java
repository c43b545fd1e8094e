/**
 * What the artifacts of the library share on disk: SHA-256, NumPy {@code .npy}, the manifest checks
 * ({@link io.llmemb.files.ArtifactManifests}: format version, checksums) and {@link
 * io.llmemb.files.Provenance}, where an artifact came from.
 */
package io.llmemb.files;
