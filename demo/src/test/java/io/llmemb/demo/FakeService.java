package io.llmemb.demo;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;

/**
 * Stands in for a service in {@link ServiceProcessTest}: answers {@code /health/liveness} with 200
 * and {@code /health} with 200 only when {@code READY=1}, on {@code PORT}; prints a line naming
 * {@code GREETING}; exits at once with {@code EXIT_CODE} when that is set.
 */
public final class FakeService {

  private FakeService() {}

  public static void main(String[] args) throws Exception {
    System.out.println("fake service up: " + System.getenv("GREETING"));
    if (System.getenv("EXIT_CODE") != null) {
      System.exit(Integer.parseInt(System.getenv("EXIT_CODE")));
    }
    HttpServer server =
        HttpServer.create(
            new InetSocketAddress("localhost", Integer.parseInt(System.getenv("PORT"))), 0);
    boolean ready = "1".equals(System.getenv("READY"));
    server.createContext(
        "/health/liveness",
        exchange -> {
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.createContext(
        "/health",
        exchange -> {
          exchange.sendResponseHeaders(
              ready && exchange.getRequestURI().getPath().equals("/health") ? 200 : 503, -1);
          exchange.close();
        });
    server.start();
    Thread.currentThread().join();
  }
}
