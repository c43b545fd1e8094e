package io.llmemb.serving.scoring;

/**
 * {@link DotKernel}'s plain loops, one accumulator per row: the baseline and the fallback without
 * the Vector API.
 */
public final class ScalarDot implements DotKernel {

  @Override
  public String name() {
    return "scalar";
  }
}
