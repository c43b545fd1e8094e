/**
 * The {@code llmemb} command line: the top command and the {@code train} / {@code evaluate} stages.
 */
package io.llmemb.cli;
