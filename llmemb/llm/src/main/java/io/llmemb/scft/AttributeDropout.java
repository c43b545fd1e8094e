package io.llmemb.scft;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Attribute-level augmentation of SCFT (docs/llmemb-method.md §3, {@code dropout_feature},
 * llama.py:L72-96): split the prompt at the first "\n" into instruction and attributes, split the
 * attributes on ";" into n chunks, shuffle them with two independent permutations, drop the last
 * ⌊ratio·n⌋ of each and reassemble instruction + "\n" + chunks joined with ";". With n ≤ 1 a view
 * is the instruction alone; with n = 2 (ratio 0.4) nothing is dropped and only the order changes
 * (trap §7.5). A ";" inside a value splits it, as in the original.
 */
public final class AttributeDropout {

  /** The paper's drop ratio (scft/avg.bash:L43). */
  public static final double PAPER_RATIO = 0.4;

  private static final String LINE = "\n";
  private static final String CHUNK = ";";

  private final double ratio;

  public AttributeDropout(double ratio) {
    if (!(ratio >= 0 && ratio < 1)) {
      throw new IllegalArgumentException("drop ratio must be in [0, 1): " + ratio);
    }
    this.ratio = ratio;
  }

  /** Two views of one prompt, drawn with {@code rng}. */
  public View pair(String prompt, Random rng) {
    int nl = prompt.indexOf(LINE);
    if (nl < 0) {
      return new View(prompt, prompt);
    }
    String instruction = prompt.substring(0, nl);
    List<String> chunks = Arrays.asList(prompt.substring(nl + 1).split(CHUNK, -1));
    if (chunks.size() <= 1) {
      return new View(instruction, instruction);
    }
    return new View(one(instruction, chunks, rng), one(instruction, chunks, rng));
  }

  private String one(String instruction, List<String> chunks, Random rng) {
    List<String> perm = new ArrayList<>(chunks);
    Collections.shuffle(perm, rng);
    int keep = chunks.size() - (int) Math.floor(ratio * chunks.size());
    return instruction + LINE + String.join(CHUNK, perm.subList(0, keep));
  }

  /** Two augmented views of the same item. */
  public record View(String first, String second) {}
}
