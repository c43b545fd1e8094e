package io.llmemb.llm.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Header parsing, the untied-classifier flag, and errors that name the file and tensor. */
class Llama2cCheckpointReaderTest {
  @TempDir Path tmp;

  @Test
  void headerOfStories260k() {
    try (NDManager m = NDManager.newBaseManager()) {
      LlamaConfig c =
          Llama2cCheckpointReader.read(Stories260k.checkpoint(), m, DataType.FLOAT32).config();
      assertEquals(
          new LlamaConfig(64, 172, 5, 8, 4, 512, 512, 1e-5f, 10000f, true, RopeLayout.INTERLEAVED),
          c);
    }
  }

  @Test
  void truncatedFileNamesTheTensor() throws Exception {
    byte[] bytes = Files.readAllBytes(Stories260k.checkpoint());
    Path cut = tmp.resolve("cut.bin");
    Files.write(cut, Arrays.copyOf(bytes, 28 + 4 * (512 * 64 + 5 * 64 + 100)));
    CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> read(cut));
    assertTrue(e.getMessage().contains("cut.bin: truncated in tensor wq[0]"), e.getMessage());
  }

  @Test
  void negativeVocabMeansUntiedClassifier() throws Exception {
    byte[] bytes = Files.readAllBytes(Stories260k.checkpoint());
    Path untied = tmp.resolve("untied.bin");
    ByteBuffer buf =
        ByteBuffer.allocate(bytes.length + 4 * 512 * 64).order(ByteOrder.LITTLE_ENDIAN);
    buf.put(bytes);
    for (int i = 0; i < 512 * 64; i++) {
      buf.putFloat(i == 0 ? 7f : 0f);
    }
    buf.putInt(20, -512);
    Files.write(untied, buf.array());
    try (NDManager m = NDManager.newBaseManager()) {
      LoadedCheckpoint ckpt = Llama2cCheckpointReader.read(untied, m, DataType.FLOAT32);
      assertEquals(false, ckpt.config().tiedEmbeddings());
      assertEquals(7f, ckpt.weights().lmHead().getFloat(0, 0));
    }
    // the same bytes with a positive vocab leave floats over: the header does not describe the file
    buf.putInt(20, 512);
    Files.write(untied, buf.array());
    CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> read(untied));
    assertTrue(e.getMessage().contains("trailing floats"), e.getMessage());
  }

  private static void read(Path file) {
    try (NDManager m = NDManager.newBaseManager()) {
      Llama2cCheckpointReader.read(file, m, DataType.FLOAT32);
    }
  }
}
