package io.llmemb.scft;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Supplies view pairs per item: computed once up front (the official behaviour, trap §7.4) or
 * redrawn at the start of every epoch when {@code resample} is set.
 */
final class ViewSampler {

  private final List<String> prompts;
  private final AttributeDropout dropout;
  private final boolean resample;
  private final Random rng;
  private List<AttributeDropout.View> views;

  ViewSampler(List<String> prompts, AttributeDropout dropout, boolean resample, Random rng) {
    this.prompts = List.copyOf(prompts);
    this.dropout = dropout;
    this.resample = resample;
    this.rng = rng;
    this.views = draw();
  }

  private List<AttributeDropout.View> draw() {
    List<AttributeDropout.View> out = new ArrayList<>(prompts.size());
    for (String p : prompts) {
      out.add(dropout.pair(p, rng));
    }
    return out;
  }

  /** Called at every epoch boundary. */
  void newEpoch() {
    if (resample) {
      views = draw();
    }
  }

  AttributeDropout.View view(int index) {
    return views.get(index);
  }

  int size() {
    return prompts.size();
  }
}
