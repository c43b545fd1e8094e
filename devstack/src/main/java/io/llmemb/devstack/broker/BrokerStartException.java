package io.llmemb.devstack.broker;

/** The broker child process could not be formatted, launched or did not become ready in time. */
public class BrokerStartException extends RuntimeException {

  /** Creates the exception; the message should carry the broker log tail when there is one. */
  public BrokerStartException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Creates the exception without a cause. */
  public BrokerStartException(String message) {
    super(message);
  }
}
