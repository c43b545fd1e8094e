/**
 * Datasets for LLMEmb: loaders for the public MovieLens, Amazon and Yelp layouts ({@code load}),
 * the preprocessing of docs/llmemb-method.md §1/§8/§9 ({@code prep}), a cacheable on-disk form
 * ({@code store}), the default dataset fetched from Debian's r-cran-dslabs ({@code fetch}, read by
 * our own R serialization reader in {@code rdata}) and the {@code fetch-movielens} / {@code
 * prepare} commands ({@code cli}).
 *
 * <p>Typical use: {@code PreparedDataset ds = DatasetPipeline.prepare(DatasetFormat.MOVIELENS,
 * List.of(Path.of("data/ml-latest-small")), PrepConfig.defaults(DatasetFormat.MOVIELENS,
 * "ml-latest-small"));}
 */
package io.llmemb.data;
