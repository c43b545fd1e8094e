package io.llmemb.rat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.llmemb.bundle.ServingModel;
import io.llmemb.bundle.ServingModels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The committed format-1 RAT model bundle (written by {@link RatBundleFixtures} on 2026-12-02)
 * still loads and serves exactly what it served when it was written: a later build must not change
 * what a released bundle means.
 */
class RatBundleCompatibilityTest {

  static final Path FIXTURE = Path.of("src/test/resources/bundles/bundle-v1-rat-sasrec");
  static final String SHA = "0dfd2c10dcb1cb14a4dcebcffc80d52b56b1e592f9c70a837b188b0ba182580c";

  // Printed by RatBundleFixtures.main when the fixture was written.
  static final float[] USER = {0.7121954f, 1.2397321f, -1.1353863f, -0.8165414f};
  static final float[] ITEM_12 = {0.40808725f, 0.63326895f, -0.6812632f, -0.15985626f};
  static final float[] NEW_ITEM = {0.6814592f, 0.72028023f, -0.7134248f, -0.29897794f};

  @Test
  void theFormatOneRatBundleServesWhatItServedWhenWritten() throws IOException {
    try (ServingModel s = ServingModels.load(FIXTURE, SHA)) {
      assertEquals("fixture-rat-1", s.version());
      assertEquals("sasrec", s.backbone());
      assertEquals("rat", s.variant());
      assertEquals(4, s.hidden());
      assertEquals(5, s.maxLen());
      assertEquals(12, s.numItems());
      assertEquals("item-12", s.itemIds().get(11));
      assertEquals("fixture-encoder@1", s.llmVersion().orElseThrow());
      assertArrayEquals(USER, s.encodeUser(RatBundleFixtures.HISTORY), 1e-5f);
      assertArrayEquals(ITEM_12, Arrays.copyOfRange(s.itemVectors(), 44, 48), 1e-5f);
      assertArrayEquals(NEW_ITEM, s.adaptNewItem(RatBundleFixtures.raw(13)).orElseThrow(), 1e-5f);
    }
  }
}
