/**
 * RAT, Recommendation Adaptation Training (docs/llmemb-method.md §4): the frozen, PCA-reduced LLM
 * item table ({@link io.llmemb.rat.LlmTable}) goes through a small trainable {@link
 * io.llmemb.rat.Adapter} to the backbone's hidden size ({@link io.llmemb.rat.AdapterEmbeddings}, an
 * {@link io.llmemb.srs.ItemEmbeddingProvider}, so SASRec, GRU4Rec and Bert4Rec use it unchanged),
 * trained on the backbone's loss plus α·{@link io.llmemb.rat.AlignmentLoss} towards a pre-trained
 * plain SASRec's item table ({@link io.llmemb.rat.RatTrainer}, command {@link
 * io.llmemb.cli.RatCommand}). A trained RAT model is released as a {@code rat} bundle ({@link
 * io.llmemb.bundle.ModelBundles}) whose serving model adapts items embedded after training (PCA →
 * adapter).
 *
 * <p>Deviations from the official code, on purpose: no off-by-one in the table (§7.1: the last item
 * keeps its vector); the padding row of the adapted table is zero rather than the adapter bias;
 * adapter capacity (widths, activation, dropout) is configurable, with the paper's adapter as
 * default.
 */
package io.llmemb.rat;
