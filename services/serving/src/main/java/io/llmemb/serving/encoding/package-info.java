/**
 * User encoding without the engine: the transformer backbones' forward pass for one history in
 * plain Java (JDK Vector API when present), reading item rows from serving's own item matrix.
 */
package io.llmemb.serving.encoding;
