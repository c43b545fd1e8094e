package io.llmemb.srs;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.llmemb.engine.Scalars;

/**
 * Skeleton shared by the backbones: item-table scoring, the prediction input layout and the
 * official BCE loss with one negative per labelled position (docs/llmemb-method.md §4: {@code mean
 * BCE(σ(h·e_pos), 1) + mean BCE(σ(h·e_neg), 0)} over labelled positions). Subclasses implement
 * {@link #encodeAll} and say which hidden states the labels align with ({@link #trainHidden}).
 */
public abstract class AbstractSequentialRecommender implements SequentialRecommender {

  private final String name;
  private final BackboneConfig config;
  private final int numItems;
  private final ParameterSet params;
  private final ItemEmbeddingProvider items;

  /**
   * @param name backbone name
   * @param config hyperparameters
   * @param numItems largest item id
   * @param manager owner of the parameters
   * @param itemFactory item-embedding provider
   * @param extraRows rows the provider adds after the items (Bert4Rec's [MASK])
   */
  protected AbstractSequentialRecommender(
      String name,
      BackboneConfig config,
      int numItems,
      NDManager manager,
      ItemEmbeddingProvider.Factory itemFactory,
      int extraRows) {
    if (numItems < 2) {
      throw new IllegalArgumentException("numItems must be >= 2, was " + numItems);
    }
    this.name = name;
    this.config = config;
    this.numItems = numItems;
    this.params = new ParameterSet(manager);
    this.items = itemFactory.create(params, numItems, extraRows, config.hidden());
    if (items.hidden() != config.hidden() || items.rows() != numItems + 1 + extraRows) {
      throw new IllegalArgumentException(
          "item provider gives ["
              + items.rows()
              + ", "
              + items.hidden()
              + "], backbone needs ["
              + (numItems + 1 + extraRows)
              + ", "
              + config.hidden()
              + "]");
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public BackboneConfig config() {
    return config;
  }

  @Override
  public int numItems() {
    return numItems;
  }

  @Override
  public ParameterSet parameters() {
    return params;
  }

  @Override
  public ItemEmbeddingProvider items() {
    return items;
  }

  @Override
  public NDArray encode(NDArray ids, boolean training) {
    long len = ids.getShape().get(1);
    // Left padding puts the most recent item (or Bert4Rec's [MASK]) in the last column.
    return encodeAll(ids, training).get(new NDIndex(":, {}, :", len - 1));
  }

  @Override
  public NDArray scoreAll(NDArray ids) {
    NDArray table = items.table(false).get(new NDIndex("0:{}", numItems + 1)); // [N+1, H]
    return encode(ids, false).matMul(table.transpose()); // [B, N+1]
  }

  @Override
  public void predictionRow(int[] history, int[] out, int offset) {
    TrainingData.leftPad(history, 0, history.length, out, offset, config.maxLen());
  }

  @Override
  public int samplesPerEpoch(int numUsers) {
    return numUsers;
  }

  /**
   * Hidden states aligned with the label rows of a batch.
   *
   * @param inputs [B, L] ids
   * @return [B, L', H] where L' is {@link TrainBatch#labelLen()}
   */
  protected abstract NDArray trainHidden(NDArray inputs);

  @Override
  public NDArray loss(TrainBatch batch) {
    NDManager m = params.manager();
    NDArray inputs = m.create(batch.inputs(), new Shape(batch.size(), batch.inputLen()));
    NDArray pos = m.create(batch.positives(), new Shape(batch.size(), batch.labelLen()));
    NDArray neg = m.create(batch.negatives(), new Shape(batch.size(), batch.labelLen()));
    NDArray hidden = trainHidden(inputs); // [B, L', H]
    NDArray table = items.table(true);
    NDArray posLogit = hidden.mul(Layers.lookup(table, pos)).sum(new int[] {-1}); // [B, L']
    NDArray negLogit = hidden.mul(Layers.lookup(table, neg)).sum(new int[] {-1});
    NDArray labelled = pos.neq(0).toType(DataType.FLOAT32, false);
    NDArray count = Scalars.maximum(labelled.sum(), 1f);
    // BCE(σ(x), 1) = softplus(-x); BCE(σ(x), 0) = softplus(x): numerically stable forms.
    NDArray posLoss = Activation.softPlus(posLogit.neg()).mul(labelled).sum().div(count);
    NDArray negLoss = Activation.softPlus(negLogit).mul(labelled).sum().div(count);
    return posLoss.add(negLoss);
  }
}
