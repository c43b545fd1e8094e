/**
 * Sequential recommenders (docs/llmemb-method.md §4): the {@link
 * io.llmemb.srs.SequentialRecommender} contract, the shared layers, SASRec / GRU4Rec / Bert4Rec,
 * the pluggable {@link io.llmemb.srs.ItemEmbeddingProvider} (plain IDs here; the RAT adapter plugs
 * in the same way) and the early-stopping {@link io.llmemb.training.Trainer}.
 */
package io.llmemb.srs;
