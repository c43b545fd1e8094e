/**
 * Versioned model bundles: the artifact the experiment hands to serving (docs/architecture.md).
 *
 * <p>Layout, format version 1 ({@link io.llmemb.bundle.BundleManifest#CURRENT_VERSION}): one
 * directory holding
 *
 * <ul>
 *   <li>the parts, flat, named by {@link io.llmemb.bundle.BundleWriter#PART_NAME} (e.g. {@code
 *       backbone.npy}, {@code adapter.npy}, {@code pca.npy}, {@code item-ids.npy}, {@code
 *       interaction-counts.npy}, {@code config.json}, {@code metrics.json}). Arrays are numpy
 *       {@code .npy} v1.0, little-endian float32 ({@code <f4}) or int32 ({@code <i4}), 1-D or 2-D,
 *       C order: {@code numpy.load("adapter.npy")} opens them;
 *   <li>{@code manifest.json}: formatVersion, bundleVersion, modelName, backbone, variant,
 *       createdAt, provenance (dataset name and sha256, config, encoder id, prompt version, code
 *       and library versions), metrics, and {@code files: {name: {sha256, bytes}}}; keys sorted, so
 *       equal content has one checksum;
 *   <li>{@code manifest.sha256}: the manifest's sha256 in {@code sha256sum} format ({@code
 *       sha256sum -c} checks it). That one value identifies the whole release.
 * </ul>
 *
 * <p>Model bundles ({@link io.llmemb.bundle.ModelBundles#write}, opened for serving by {@link
 * io.llmemb.bundle.ServingModels#load}) add, still as format 1: {@code model-config.json}
 * (backbone, variant, hyperparameters, parameter index), {@code item-ids.txt} (raw id of internal
 * id i + 1 on line i + 1), one {@code param-<name>.npy} per trainable parameter, and the parts of
 * the item representation's variant (e.g. {@code rat-config.json}, {@code rat-llm-table.npy},
 * {@code rat-pca-*.npy}). A variant is read back by a {@link io.llmemb.bundle.VariantReader}
 * service; {@code id} is built in.
 *
 * <p>Compatibility: a reader refuses formats newer than its own; each released format keeps a
 * frozen fixture under {@code src/test/resources/bundles/bundle-v<N>} that later builds must still
 * load (Tribuo's pattern, style guide item 12). A change to what format N means is a new format N +
 * 1 with its own fixture.
 */
package io.llmemb.bundle;
