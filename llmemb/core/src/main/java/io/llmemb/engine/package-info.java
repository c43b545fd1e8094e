/**
 * DJL/PyTorch engine set-up: offline mode, thread counts, seed and device, from one config record.
 */
package io.llmemb.engine;
