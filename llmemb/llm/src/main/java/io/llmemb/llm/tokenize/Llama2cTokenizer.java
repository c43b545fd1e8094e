package io.llmemb.llm.tokenize;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The llama2.c tokenizer ({@code tokenizer.bin}: int32 max token length, then per token float32
 * score, int32 byte length, bytes; all little-endian). Encoding follows llama2.c's {@code run.c}:
 * optional BOS, a dummy leading space token for non-empty text, one token per UTF-8 character with
 * byte fallback (id 3 + byte), then greedy merges of the adjacent pair whose concatenation has the
 * highest vocabulary score.
 *
 * <p>Token strings are kept as ISO-8859-1 strings of their raw bytes so that byte-level
 * concatenation and lookup are exact for any UTF-8 split.
 */
public final class Llama2cTokenizer implements LlamaTokenizer {
  /** llama2.c's fixed special ids. */
  public static final int UNK_ID = 0;

  public static final int BOS_ID = 1;
  public static final int EOS_ID = 2;

  /** Byte-fallback tokens {@code <0x00>..<0xFF>} start at this id. */
  static final int BYTE_FALLBACK_OFFSET = 3;

  private static final int MAX_UTF8_BYTES = 4;

  private final String[] vocab;
  private final float[] scores;
  private final Map<String, Integer> ids;

  private Llama2cTokenizer(String[] vocab, float[] scores) {
    this.vocab = vocab;
    this.scores = scores;
    this.ids = new HashMap<>(vocab.length * 2);
    for (int i = 0; i < vocab.length; i++) {
      // First occurrence wins when a string appears twice; llama2.c's bsearch picks an arbitrary
      // one.
      ids.putIfAbsent(vocab[i], i);
    }
  }

  /**
   * Reads a llama2.c {@code tokenizer.bin}; the vocabulary size is the number of entries in the
   * file.
   */
  public static Llama2cTokenizer load(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new TokenizerFormatException(file + ": cannot read llama2.c tokenizer", e);
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    List<String> tokens = new ArrayList<>();
    List<Float> tokenScores = new ArrayList<>();
    try {
      int maxTokenLength = buf.getInt();
      while (buf.hasRemaining()) {
        float score = buf.getFloat();
        int length = buf.getInt();
        if (length < 0 || length > maxTokenLength) {
          throw new TokenizerFormatException(
              file
                  + ": token "
                  + tokens.size()
                  + " has length "
                  + length
                  + " (max "
                  + maxTokenLength
                  + ")");
        }
        byte[] piece = new byte[length];
        buf.get(piece);
        tokens.add(new String(piece, StandardCharsets.ISO_8859_1));
        tokenScores.add(score);
      }
    } catch (BufferUnderflowException e) {
      throw new TokenizerFormatException(file + ": truncated at token " + tokens.size(), e);
    }
    if (tokens.size() < BYTE_FALLBACK_OFFSET + 256) {
      throw new TokenizerFormatException(
          file
              + ": only "
              + tokens.size()
              + " tokens; llama2.c needs 3 specials + 256 byte tokens");
    }
    float[] s = new float[tokenScores.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = tokenScores.get(i);
    }
    return new Llama2cTokenizer(tokens.toArray(String[]::new), s);
  }

  @Override
  public int[] encode(String text, boolean addBos) {
    List<Integer> out = new ArrayList<>();
    if (addBos) {
      out.add(BOS_ID);
    }
    if (!text.isEmpty()) {
      out.add(lookup(" "));
    }
    appendCharacters(text.getBytes(StandardCharsets.UTF_8), out);
    mergePairs(out);
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private void appendCharacters(byte[] utf8, List<Integer> out) {
    int start = 0;
    while (start < utf8.length) {
      int end = start + 1;
      // A character is its lead byte plus following continuation bytes (10xxxxxx), at most 4 bytes.
      while (end < utf8.length && (utf8[end] & 0xC0) == 0x80 && end - start < MAX_UTF8_BYTES) {
        end++;
      }
      String piece = new String(utf8, start, end - start, StandardCharsets.ISO_8859_1);
      Integer id = ids.get(piece);
      if (id != null) {
        out.add(id);
      } else {
        for (int i = start; i < end; i++) {
          out.add((utf8[i] & 0xFF) + BYTE_FALLBACK_OFFSET);
        }
      }
      start = end;
    }
  }

  private void mergePairs(List<Integer> tokens) {
    while (true) {
      float bestScore = Float.NEGATIVE_INFINITY;
      int bestId = -1;
      int bestIndex = -1;
      for (int i = 0; i + 1 < tokens.size(); i++) {
        Integer id = ids.get(vocab[tokens.get(i)] + vocab[tokens.get(i + 1)]);
        if (id != null && scores[id] > bestScore) {
          bestScore = scores[id];
          bestId = id;
          bestIndex = i;
        }
      }
      if (bestIndex < 0) {
        return;
      }
      tokens.set(bestIndex, bestId);
      tokens.remove(bestIndex + 1);
    }
  }

  private int lookup(String piece) {
    Integer id = ids.get(piece);
    if (id == null) {
      throw new TokenizerFormatException(
          "llama2.c tokenizer has no token for "
              + piece.codePoints().count()
              + "-char string '"
              + piece
              + "'");
    }
    return id;
  }

  @Override
  public String decode(int[] tokenIds) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int previous = -1;
    for (int id : tokenIds) {
      if (id < 0 || id >= vocab.length) {
        throw new IllegalArgumentException(
            "token id " + id + " outside vocabulary of " + vocab.length);
      }
      if (id != UNK_ID && id != BOS_ID && id != EOS_ID) {
        String piece = vocab[id];
        // As run.c: the space after BOS is the dummy prefix, not text.
        if (previous == BOS_ID && piece.startsWith(" ")) {
          piece = piece.substring(1);
        }
        if (isByteToken(piece)) {
          bytes.write(Integer.parseInt(piece.substring(3, 5), 16));
        } else {
          bytes.writeBytes(piece.getBytes(StandardCharsets.ISO_8859_1));
        }
      }
      previous = id;
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static boolean isByteToken(String piece) {
    return piece.length() == 6 && piece.startsWith("<0x") && piece.endsWith(">");
  }

  @Override
  public int vocabSize() {
    return vocab.length;
  }

  @Override
  public int bosId() {
    return BOS_ID;
  }

  @Override
  public int eosId() {
    return EOS_ID;
  }

  @Override
  public int unkId() {
    return UNK_ID;
  }

  @Override
  public void close() {
    // Pure Java; nothing to release.
  }
}
