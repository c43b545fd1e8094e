package io.llmemb.scft;

import io.llmemb.llm.bert.BertEncoderOptions;
import io.llmemb.llm.bert.BertTextEncoder;
import io.llmemb.llm.lora.LoraConfig;
import java.util.List;

/** Manual experiment (not a test): before/after held-out retrieval for a few SCFT settings on the fixture. */
public final class ScftTuneMain {

  private ScftTuneMain() {
  }

  public static void main(String[] args) {
    List<String> prompts = MovieFixtures.prompts();
    List<AttributeDropout.View> heldOut = RetrievalAccuracy.fixedViews(prompts.subList(80, prompts.size()),
        AttributeDropout.PAPER_RATIO, 99);
    for (String spec : args) {
      String[] p = spec.split(",");
      try (BertTextEncoder enc = BertTextEncoder.open(BertEncoderOptions.defaults("minilm").withMaxTokens(40))) {
        enc.attachLora(LoraConfig.paperDefaultsForBert(), 42);
        double b20 = RetrievalAccuracy.evaluate(enc, heldOut, 20);
        double b40 = RetrievalAccuracy.evaluate(enc, heldOut, 40);
        ScftConfig c = ScftConfig.defaults().withLoss(ContrastiveLoss.valueOf(p[0]))
            .withLearningRate(Float.parseFloat(p[1])).withSteps(Integer.parseInt(p[2]))
            .withBatchSize(Integer.parseInt(p[3]));
        ScftTrainer.Result r = new ScftTrainer(c).train(enc, prompts.subList(0, 80), 0, s -> { });
        System.out.printf("RESULT %s: g20 %.3f -> %.3f, g40 %.3f -> %.3f, loss %.3f -> %.3f, %.0f s%n", spec,
            b20, RetrievalAccuracy.evaluate(enc, heldOut, 20), b40, RetrievalAccuracy.evaluate(enc, heldOut, 40),
            r.firstLoss(), r.lastLoss(), r.seconds());
      }
    }
  }
}
