/**
 * LLaMA tokenizers ({@link io.llmemb.llm.tokenize.Llama2cTokenizer}, {@link
 * io.llmemb.llm.tokenize.HfLlamaTokenizer}) and docs/llmemb-method.md §2 prompt policy ({@link
 * io.llmemb.llm.tokenize.PromptEncoder}: no BOS, truncate to maxTokens − 1, EOS, right-pad with
 * unk) producing {@link io.llmemb.llm.tokenize.TokenBatch}es.
 */
package io.llmemb.llm.tokenize;
