package io.llmemb.bundle;

import java.nio.file.Path;

/**
 * A bundle just written: its directory, its manifest, and the manifest's sha256, the one checksum a
 * release record needs (the manifest pins every other file's sha256).
 */
public record WrittenBundle(Path dir, BundleManifest manifest, String manifestSha256) {}
