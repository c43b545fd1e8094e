/**
 * The one pipeline of the three model variants (plain ID backbone, RAT, fused ID + text) for every
 * backbone: {@link io.llmemb.variant.Variant} trains and reloads one model from {@link
 * io.llmemb.variant.VariantInputs}; the command line ({@code train}, {@code rat}, {@code fuse}),
 * the experiment and the trainer service are thin adapters that only say where the inputs come from
 * (files, cached stages, Kafka topics) and what happens to the model after.
 */
package io.llmemb.variant;
