package io.llmemb.scft;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.llm.bert.BertEncoderOptions;
import io.llmemb.llm.bert.BertTextEncoder;
import io.llmemb.llm.lora.LoraConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A short SCFT run on 80 real movies must raise view-1 → view-2 retrieval accuracy on 40 other movies it never
 * trained on.
 */
class ScftImprovesRetrievalTest {

  private static final int TRAIN = 80;
  private static final int GROUP = 20;

  @Test
  void shortRunImprovesHeldOutRetrieval() {
    List<String> prompts = MovieFixtures.prompts();
    List<String> train = prompts.subList(0, TRAIN);
    List<AttributeDropout.View> heldOut = RetrievalAccuracy.fixedViews(prompts.subList(TRAIN, prompts.size()),
        AttributeDropout.PAPER_RATIO, 99);
    try (BertTextEncoder encoder = BertTextEncoder.open(BertEncoderOptions.defaults("minilm")
        .withMaxTokens(64))) {
      encoder.attachLora(LoraConfig.paperDefaultsForBert(), 42);
      double before = RetrievalAccuracy.evaluate(encoder, heldOut, GROUP);
      ScftConfig config = ScftConfig.defaults().withSteps(30).withBatchSize(16).withLearningRate(1e-3f);
      ScftTrainer.Result r = new ScftTrainer(config).train(encoder, train, 0, step -> { });
      double after = RetrievalAccuracy.evaluate(encoder, heldOut, GROUP);
      System.out.printf("held-out retrieval before %.3f after %.3f (loss %.3f -> %.3f, %.1f s)%n", before,
          after, r.firstLoss(), r.lastLoss(), r.seconds());
      assertTrue(r.lastLoss() < r.firstLoss(), "training loss must fall");
      assertTrue(after > before, "held-out accuracy must improve: " + before + " -> " + after);
    }
  }
}
