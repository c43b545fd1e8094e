/** File formats and checksums shared by the data, llm, pca and bundle packages: SHA-256 and NumPy {@code .npy}. */
package io.llmemb.files;
