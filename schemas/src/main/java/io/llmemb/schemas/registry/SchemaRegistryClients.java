package io.llmemb.schemas.registry;

/** Builds the registry client a URL names. */
public final class SchemaRegistryClients {

  private SchemaRegistryClients() {}

  /**
   * A caching client for {@code config}: the in-memory registry of the scope for a {@code
   * mock://scope} URL, otherwise an {@link HttpSchemaRegistryClient} over the listed http(s) URLs.
   */
  public static SchemaRegistryClient create(RegistryClientConfig config) {
    SchemaRegistryClient raw =
        config.isMock()
            ? MockSchemaRegistry.scope(config.mockScope())
            : new HttpSchemaRegistryClient(config);
    return new CachingSchemaRegistryClient(raw);
  }
}
