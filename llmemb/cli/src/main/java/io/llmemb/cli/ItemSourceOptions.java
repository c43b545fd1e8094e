package io.llmemb.cli;

import io.llmemb.data.ItemCatalog;
import io.llmemb.data.store.DatasetManifest;
import io.llmemb.data.store.PreparedDatasetStore;
import io.llmemb.files.Sha256;
import io.llmemb.text.CatalogJsonl;
import io.llmemb.text.ItemPrompts;
import io.llmemb.text.PromptTemplates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where item texts come from (a picocli mixin of {@code embed} and {@code scft}): a prepared
 * dataset directory ({@code --data}, what {@code prepare} writes; the usual case) or a JSON-lines
 * catalog with an explicit template kind ({@code --catalog} + {@code --kind}, for metadata that did
 * not go through {@code prepare}). Either way prompts are indexed by the dataset's internal item
 * ids 1..N.
 */
public final class ItemSourceOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--data",
      description = "prepared dataset directory (from 'prepare'); rows follow its item ids")
  Path data;

  @Option(
      names = "--catalog",
      description = "instead of --data: item catalog as JSON lines (see CatalogJsonl)")
  Path catalog;

  @Option(
      names = "--kind",
      description =
          "with --catalog: prompt template movielens | amazon-beauty | " + "amazon-fashion | yelp")
  String kind;

  /**
   * The items, their prompts and a description of the source.
   *
   * @param catalog attributes per internal item id
   * @param prompts prompts per internal item id, with bad-input counts
   * @param source recorded in artifacts: what their rows line up with
   */
  public record Items(ItemCatalog catalog, ItemPrompts prompts, String source) {}

  /** Loads the items; a missing or unusable source is a usage error naming the path. */
  public Items load() throws IOException {
    if ((data == null) == (catalog == null)) {
      throw usage(
          "give either --data <prepared dataset dir> (from 'llmemb prepare') or --catalog <file.jsonl> "
              + "--kind <template>");
    }
    if (data != null) {
      return prepared();
    }
    if (kind == null) {
      throw usage("--catalog needs --kind (movielens | amazon-beauty | amazon-fashion | yelp)");
    }
    if (!Files.isRegularFile(catalog)) {
      throw usage("--catalog " + catalog + ": no such file");
    }
    ItemCatalog items = CatalogJsonl.read(catalog, kind);
    String sha = Sha256.of(catalog);
    return new Items(
        items, ItemPrompts.build(items), "catalog:" + catalog.getFileName() + " sha256=" + sha);
  }

  private Items prepared() {
    if (!Files.isDirectory(data)) {
      throw usage(
          "--data "
              + data
              + ": no such directory; make one with 'llmemb prepare --out "
              + data
              + "'");
    }
    if (!Files.isRegularFile(data.resolve(PreparedDatasetStore.MANIFEST))) {
      throw usage(
          "--data "
              + data
              + ": not a prepared dataset directory (no "
              + PreparedDatasetStore.MANIFEST
              + "); make one with 'llmemb prepare'");
    }
    DatasetManifest m = PreparedDatasetStore.manifest(data);
    ItemCatalog items = PreparedDatasetStore.load(data).catalog();
    String template = PromptTemplates.kindForDataset(m.kind(), m.format());
    return new Items(
        items,
        ItemPrompts.build(items, PromptTemplates.forKind(template)),
        "prepared:"
            + m.name()
            + " "
            + PreparedDatasetStore.ITEMS
            + " sha256="
            + m.files().get(PreparedDatasetStore.ITEMS));
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
