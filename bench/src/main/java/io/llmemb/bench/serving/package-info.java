/**
 * Hand-run serving benchmarks: top-K kernels (exact scalar, Vector API, JVector graph), the
 * per-event cost of an interaction before and after the catalogue-independent encode, and the item
 * index's memory per item. Commands in bench/README.md.
 */
package io.llmemb.bench.serving;
