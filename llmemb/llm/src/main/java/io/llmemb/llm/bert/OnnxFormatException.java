package io.llmemb.llm.bert;

/** An ONNX file that cannot be read or does not have the BERT structure the importer expects. */
public class OnnxFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OnnxFormatException(String message) {
    super(message);
  }
}
