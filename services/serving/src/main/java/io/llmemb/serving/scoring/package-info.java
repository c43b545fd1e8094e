/**
 * Top-K by dot product over the item vectors of one model: the one copy of those vectors ({@code
 * ItemRows}, read without a lock), the exact scan ({@code ExactScorer} with a scalar or JDK Vector
 * API {@code DotKernel}) and the JVector graph for large catalogues ({@code AnnScorer}), behind
 * {@code Scorer}.
 */
package io.llmemb.serving.scoring;
