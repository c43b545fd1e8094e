/**
 * The experiment report: paper-layout tables (docs/llmemb-method.md §6) of mean ± sample std over
 * seeds, relative gains over the plain backbone and the §8 checks, rendered to Markdown and
 * self-contained HTML with XChart PNG plots, plus {@code results.json} holding every raw run.
 * Inputs are plain records ({@link io.llmemb.experiment.report.RunResult}, {@link
 * io.llmemb.experiment.report.DatasetFacts}) so any training or evaluation code can feed it; the
 * entry point is {@link io.llmemb.experiment.report.ReportWriter#write}.
 */
package io.llmemb.experiment.report;
