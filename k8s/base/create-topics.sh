#!/bin/bash
# Creates the topic catalog (schemas/src/main/java/io/llmemb/schemas/TopicNames.java: every topic and its .dlq),
# skipping topics that exist. Run by the llmemb-topics Job with the apache/kafka image's tools.
set -euo pipefail
config=/tmp/client.properties
: > "$config"
echo "security.protocol=${KAFKA_SECURITY_PROTOCOL:-PLAINTEXT}" >> "$config"
[[ -n "${KAFKA_SASL_MECHANISM:-}" ]] && echo "sasl.mechanism=$KAFKA_SASL_MECHANISM" >> "$config"
[[ -n "${KAFKA_SASL_JAAS_CONFIG:-}" ]] && echo "sasl.jaas.config=$KAFKA_SASL_JAAS_CONFIG" >> "$config"
[[ -n "${KAFKA_SSL_TRUSTSTORE_LOCATION:-}" ]] && echo "ssl.truststore.location=$KAFKA_SSL_TRUSTSTORE_LOCATION" >> "$config"
[[ -n "${KAFKA_SSL_TRUSTSTORE_PASSWORD:-}" ]] && echo "ssl.truststore.password=$KAFKA_SSL_TRUSTSTORE_PASSWORD" >> "$config"

create() {
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --command-config "$config" \
    --create --if-not-exists --topic "$1" --partitions "$PARTITIONS" \
    --replication-factor "$REPLICATION_FACTOR" --config cleanup.policy="$2"
}
create catalog.items compact
create catalog.items.dlq delete
create tracking.interactions delete
create tracking.interactions.dlq delete
create catalog.item_embeddings compact
create catalog.item_embeddings.dlq delete
create models.releases compact
create models.releases.dlq delete
create recs.next_items delete
create recs.next_items.dlq delete
