package io.llmemb.srs;

/**
 * A backbone's inference weights as plain arrays, for a forward pass without the engine (serving
 * encodes one history per event, where the engine's fixed cost per operation is most of the time).
 * One record per backbone family.
 */
public sealed interface BackboneWeights permits TransformerWeights, GruWeights {

  /** Width H of the user vector. */
  int hidden();

  /** Largest item id; ids above it are extra tokens. */
  int numItems();
}
