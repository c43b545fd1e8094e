package io.llmemb.serving.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The per-age bookkeeping of {@link ServingMetrics}: buckets, hits per age and model, lists. */
class AgeMetricsTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ServingMetrics metrics = new ServingMetrics(meters, () -> 0);

  @Test
  void bucketsAreHalfOpenAtOneHourAndOneDay() {
    assertEquals(AgeBucket.NEW, AgeBucket.of(OptionalLong.of(0)));
    assertEquals(AgeBucket.NEW, AgeBucket.of(OptionalLong.of(Duration.ofHours(1).toMillis() - 1)));
    assertEquals(AgeBucket.DAY, AgeBucket.of(OptionalLong.of(Duration.ofHours(1).toMillis())));
    assertEquals(AgeBucket.DAY, AgeBucket.of(OptionalLong.of(Duration.ofDays(1).toMillis() - 1)));
    assertEquals(AgeBucket.OLDER, AgeBucket.of(OptionalLong.of(Duration.ofDays(1).toMillis())));
    assertEquals(AgeBucket.UNKNOWN, AgeBucket.of(OptionalLong.empty()));
  }

  @Test
  void judgementsCountPerAgeAndModelAndHitsOnlyOnHits() {
    metrics.prequential(AgeBucket.NEW, "v1", true);
    metrics.prequential(AgeBucket.NEW, "v1", false);
    metrics.prequential(AgeBucket.NEW, "v2", true);
    metrics.prequential(AgeBucket.OLDER, "v1", false);

    assertEquals(2.0, count("prequential.judged", "under-1h", "v1"));
    assertEquals(1.0, count("prequential.hits", "under-1h", "v1"));
    assertEquals(1.0, count("prequential.judged", "under-1h", "v2"));
    assertEquals(1.0, count("prequential.hits", "under-1h", "v2"));
    assertEquals(1.0, count("prequential.judged", "older", "v1"));
    assertEquals(0.0, count("prequential.hits", "older", "v1"), "registered at 0, so HR is 0/1");
  }

  @Test
  void listsCountWithAndWithoutNewItemsAndTheSlotsTheyUsed() {
    metrics.listEmitted("v1", true, 1);
    metrics.listEmitted("v1", false, 0);
    metrics.listEmitted("v1", true, 2);

    assertEquals(3.0, meters.get(ServingMetrics.PREFIX + "lists.emitted").counter().count());
    assertEquals(2.0, meters.get(ServingMetrics.PREFIX + "lists.with.new.item").counter().count());
    assertEquals(3.0, meters.get(ServingMetrics.PREFIX + "exploration.slots").counter().count());
  }

  private double count(String name, String age, String model) {
    return meters
        .get(ServingMetrics.PREFIX + name)
        .tags("age", age, "model", model)
        .counter()
        .count();
  }
}
