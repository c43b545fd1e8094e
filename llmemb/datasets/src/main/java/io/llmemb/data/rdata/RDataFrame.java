package io.llmemb.data.rdata;

import io.llmemb.data.rdata.RObject.RList;
import io.llmemb.data.rdata.RObject.RStrings;
import java.util.Arrays;
import java.util.List;

/**
 * Column access to an R {@code data.frame} (a named list of equal-length vectors with class
 * "data.frame").
 */
public final class RDataFrame {

  private final RList list;
  private final List<String> names;

  private RDataFrame(RList list, List<String> names) {
    this.list = list;
    this.names = names;
  }

  /** Wraps {@code v}; throws {@link RFormatException} when it is not a data.frame. */
  public static RDataFrame of(RObject v) {
    if (!(v instanceof RList list)) {
      throw new RFormatException("not a list/data.frame: " + v.getClass().getSimpleName());
    }
    if (!(list.attribute("class") instanceof RStrings cls)
        || !Arrays.asList(cls.values()).contains("data.frame")) {
      throw new RFormatException("list has no class 'data.frame'");
    }
    if (!(list.attribute("names") instanceof RStrings n)) {
      throw new RFormatException("data.frame has no names");
    }
    return new RDataFrame(list, List.of(n.values()));
  }

  /** Column names in order. */
  public List<String> columnNames() {
    return names;
  }

  /** Number of rows (length of the first column). */
  public int rows() {
    return names.isEmpty() ? 0 : RVectors.asStrings(list.values().get(0)).length;
  }

  /** The column called {@code name}; throws naming the available columns when absent. */
  public RObject column(String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new RFormatException("data.frame has no column '" + name + "', columns are " + names);
    }
    return list.values().get(i);
  }
}
