package io.llmemb.schemas;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams {@code processing.exception.handler}: a record whose processing throws (a bug, or
 * input no check foresaw) goes, as the raw source bytes Streams kept for this purpose, to {@code
 * <source topic>.dlq} with the {@link DeadLetters} reason headers, and the task continues with the
 * next record. Without it the thread dies, is replaced, reads the same record and dies again,
 * stalling every partition of the instance. If the dead letter cannot be written the handler
 * answers FAIL, so nothing is skipped silently.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);
  private static final AtomicLong DEAD_LETTERED = new AtomicLong();

  private DeadLetterSender sender;

  @Override
  public void configure(Map<String, ?> configs) {
    sender = DeadLetterSender.fromStreamsConfig(configs, "processing-dlq");
  }

  @Override
  public ProcessingHandlerResponse handle(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    try {
      Optional<RecordMetadata> sent =
          sender.send(
              DeadLetters.record(
                  context.topic(),
                  context.partition(),
                  context.offset(),
                  context.timestamp(),
                  context.headers(),
                  context.sourceRawKey(),
                  context.sourceRawValue(),
                  exception));
      sent.ifPresent(
          m ->
              LOG.warn(
                  "processing failed at {} for record {}-{}@{}; dead-lettered to {}-{}@{} ({} so "
                      + "far)",
                  context.processorNodeId(),
                  context.topic(),
                  context.partition(),
                  context.offset(),
                  m.topic(),
                  m.partition(),
                  m.offset(),
                  DEAD_LETTERED.incrementAndGet(),
                  exception));
      return ProcessingHandlerResponse.CONTINUE;
    } catch (RuntimeException e) {
      LOG.error(
          "processing failed for record {}-{}@{} and its dead letter could not be written; failing the task",
          context.topic(),
          context.partition(),
          context.offset(),
          e);
      return ProcessingHandlerResponse.FAIL;
    }
  }

  /** Records dead-lettered by every instance of this handler in this JVM. */
  public static long deadLettered() {
    return DEAD_LETTERED.get();
  }
}
